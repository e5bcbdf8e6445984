"""docs/api.md lists the public interface exactly as the code has it; README names every make target it offers."""

from __future__ import annotations

import re

import clear_street
from conftest import ROOT
from generate import DOCS_END, DOCS_START, render_signatures


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
