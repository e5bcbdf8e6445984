"""The docs are true: docs/api.md lists the public interface exactly as the code has it, README names every make
target it offers, and every Python and shell block of README.md and docs/*.md runs as written.

A block runs in a fresh interpreter (Python) or bash (``-e -o pipefail``: every command must succeed), in a
temporary directory, with the venv's bin first on PATH and CLEAR_STREET_BASE_URL / CLEAR_STREET_API_KEY pointing
at Prism serving the spec on loopback (one for the session). A block preceded by the line
``<!-- docs-test: skip (REASON) -->`` is collected and skipped with REASON: only for what needs the real API or an
external index, or for what is no program (a signature, output).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import clear_street
import pytest
from conftest import ROOT
from generate import DOCS_END, DOCS_START, render_signatures

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```\s*$", re.M | re.S)
SKIP = re.compile(r"<!-- docs-test: skip \((.+)\) -->")
LANGUAGES = {"python": "python", "sh": "shell", "bash": "shell", "console": "shell"}
KEY = "docs-test-key"


def code_blocks() -> list[object]:
    """Every Python and shell block, named ``file:line``, with its skip marker's reason as a skip."""
    found = []
    for path in DOCUMENTS:
        text = path.read_text()
        for block in FENCE.finditer(text):
            if (language := LANGUAGES.get(block.group(1))) is None:
                continue
            code = block.group(2)
            if block.group(1) == "console":  # the commands of a session: the lines after a prompt
                code = "".join(line[2:] + "\n" for line in code.splitlines() if line.startswith("$ "))
            before = text[: block.start()].rstrip("\n").rpartition("\n")[2].strip()
            marks = []
            if skip := SKIP.fullmatch(before):
                marks.append(pytest.mark.skip(reason=skip.group(1)))
            elif before == DOCS_START:
                marks.append(pytest.mark.skip(reason="signatures: test_api_md_matches_the_code checks them"))
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, block.start()) + 1}"
            found.append(pytest.param(language, code, id=where, marks=marks))
    return found


@pytest.mark.parametrize(("language", "code"), code_blocks())
def test_every_code_block_runs(language: str, code: str, prism: str, tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLEAR_STREET_")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", CLEAR_STREET_BASE_URL=prism,
               CLEAR_STREET_API_KEY=KEY)  # fmt: skip
    script = tmp_path / ("block.py" if language == "python" else "block.sh")  # a file: a block may run itself
    script.write_text(code)
    command = [sys.executable, script.name] if language == "python" else ["bash", "-e", "-o", "pipefail", script.name]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr


def test_the_blocks_are_found() -> None:
    """The collector sees the blocks the docs have (a fence it missed would be a block never run)."""
    blocks = {param.id: param for param in code_blocks()}  # type: ignore[attr-defined]
    assert any(where.startswith("README.md:") for where in blocks)
    assert any(where.startswith("docs/kill-switch.md:") for where in blocks)
    fences = sum(path.read_text().count("\n```python\n") + path.read_text().startswith("```python\n")
                 for path in DOCUMENTS)  # fmt: skip
    assert sum(param.values[0] == "python" for param in blocks.values()) == fences  # type: ignore[attr-defined]


def test_api_md_matches_the_code() -> None:
    """The block make generate writes is what the installed package has."""
    text = (ROOT / "docs" / "api.md").read_text()
    found = re.search(re.escape(DOCS_START) + r"\n(.*?)\n" + re.escape(DOCS_END), text, re.S)
    assert found, "docs/api.md lacks the signatures block"
    assert found.group(1) == render_signatures(clear_street), "docs/api.md is stale: run make generate"


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in ("make demo", "make test", "make generate", "make check", "make bench", "make build",
                    "make publish", "make vendor", "clear-street orders cancel", "--index-url"):  # fmt: skip
        assert command in readme, command
