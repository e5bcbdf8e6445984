"""Print each runtime dependency of pyproject.toml pinned to its floor (``name==X`` for ``name>=X``), one a line: the
constraints ``make test-floors`` installs, so that a dependency added later is tested at its floor with no edit here.
A dependency without a floor is an error: every one the package imports must say the oldest release it works with."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
FLOOR = re.compile(r">=\s*([^,\s]+)")


def floors(dependencies: list[str]) -> list[str]:
    pins = []
    for requirement in dependencies:
        name, floor = NAME.match(requirement), FLOOR.search(requirement.split(";")[0])
        if name is None or floor is None:
            raise SystemExit(f"pyproject.toml: {requirement!r} has no floor (name>=X)")
        pins.append(f"{name.group(1)}=={floor.group(1)}")
    return pins


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    sys.stdout.write("".join(f"{pin}\n" for pin in floors(project["dependencies"])))


if __name__ == "__main__":
    main()
