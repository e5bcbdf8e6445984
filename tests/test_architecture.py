"""The seam holds: the hand-written runtime knows no operation of the spec, and stays small."""

from __future__ import annotations

import ast

from conftest import ROOT, load_spec

TRANSPORT = ("_pool.py", "_network.py")  # the fan-out's connection pool: its own budget, in test_pool.py
RUNTIME = [path for path in (ROOT / "overrides").glob("*.py") if path.name != "_cli.py" and path.name not in TRANSPORT]


def names_in_code(source: str) -> set[str]:
    """Identifiers, attributes and string constants of a module, its docstrings (usage examples) left out."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and ast.get_docstring(node) is not None}  # fmt: skip
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.add(node.value)
    return found


def test_the_hand_written_runtime_names_no_operation() -> None:
    """Operations come from the spec through the templates; only the command line may name them."""
    operations = {op["operationId"] for item in load_spec()["paths"].values() for op in item.values()}
    for path in RUNTIME:
        named = {name for name in names_in_code(path.read_text()) if any(op in name for op in operations)}
        assert not named, f"{path.name} names {named}: generate it from the spec instead"


def test_the_hand_written_runtime_stays_within_757_lines() -> None:  # 750, and the async client's default pool
    assert sum(len(path.read_text().splitlines()) for path in RUNTIME) <= 757
