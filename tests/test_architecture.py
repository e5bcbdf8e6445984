"""The seam holds: the hand-written runtime knows no operation of the spec, and lives in .py files (which ruff and
mypy read), not in templates."""

from __future__ import annotations

import ast
import re
import sys
import tomllib

from conftest import ROOT, load_spec, operations

RUNTIME = [path for path in (ROOT / "overrides").glob("*.py") if path.name not in ("_cli.py", "_killswitch.py")]


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
    """Operations come from the spec through the templates; only the command line and the kill switch (hand-written
    code on top of the generated resource, like a Stainless SDK's lib/) may name them."""
    names = set(operations(load_spec()))
    for path in RUNTIME:
        named = {name for name in names_in_code(path.read_text()) if any(op in name for op in names)}
        assert not named, f"{path.name} names {named}: generate it from the spec instead"


def test_a_template_without_template_logic_only_re_exports_a_hand_written_module() -> None:
    """Code that does not vary with the spec is a .py file in overrides/; a template that varies with nothing is a
    re-export of one (it replaces the stock template of that name)."""
    for path in (ROOT / "overrides" / "templates").glob("*.jinja"):
        text = path.read_text()
        if "{{" in text or "{%" in text:
            continue
        body = ast.parse(text).body[1:] if ast.get_docstring(ast.parse(text)) else ast.parse(text).body
        if not body:
            continue  # a docstring only (package_init)
        modules = {node.module for node in body if isinstance(node, ast.ImportFrom) and node.level == 2}
        assert len(modules) == 1, f"{path.name} is runtime code: move it to overrides/"
        assert len(body) <= 2, f"{path.name} is runtime code: move it to overrides/"
        assert (ROOT / "overrides" / f"{modules.pop()}.py").exists(), path.name


UNDECLARED = {"trio": "imported only under a trio run, which brings it", "pytest": "the plugin runs only in pytest"}


def test_every_package_the_package_imports_is_a_declared_dependency() -> None:
    """Every third-party import of overrides/ and generated/ is in pyproject.toml's dependencies, where each has the
    floor `make test-floors` installs (scripts/floors.py): one imported but undeclared is untested at any floor."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower() for requirement in project["dependencies"]}
    imported = set()
    for path in [*(ROOT / "overrides").glob("*.py"), *(ROOT / "generated").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"__future__"}
    missing = third_party - UNDECLARED.keys() - declared
    assert not missing, f"imported, not declared in pyproject.toml with a floor: {missing}"
    assert {"httpx", "httpcore", "h11", "anyio", "attrs", "msgspec"} <= third_party  # the walk saw the imports
