"""`make vendor DEST=path/to/host_package/clear_street`: a self-contained copy of the package for another repository.

The copy is the wheel's layout (overrides/ as the package, generated/ as its ``_generated``) with relative imports
throughout, so it works under any name, e.g. ``import host_package.clear_street``; it reads no installed metadata.
``--generated DIR`` takes the generated code from DIR instead of generated/ (used to try a regenerated spec).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


MARKER = "VENDORED.txt"


def vendor(dest: Path, generated: Path = ROOT / "generated") -> None:
    """Copy the package to ``dest``, replacing a previous vendored copy there; a destination that exists and is no
    such copy (the host package itself, say, not its ``clear_street`` folder) is refused, and nothing is touched."""
    if dest.exists() and not (dest / MARKER).is_file():
        contents = "is not a directory" if not dest.is_dir() else "holds files of its own"
        raise SystemExit(f"vendor: {dest} exists and {contents}, and is no vendored copy of clear-street (it has no "
                         f"{MARKER}); give the path of the copy itself, e.g. {dest / 'clear_street'}")  # fmt: skip
    if dest.exists():
        shutil.rmtree(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "templates")
    shutil.copytree(ROOT / "overrides", dest, ignore=ignore)
    shutil.copytree(generated, dest / "_generated", ignore=ignore)
    (dest / MARKER).write_text(
        "Vendored copy of clear-street; do not edit. Update it with `make vendor DEST=...` in clear-street.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--generated", type=Path, default=ROOT / "generated")
    args = parser.parse_args()
    vendor(args.dest, args.generated)
    print(f"vendored clear_street into {args.dest}")


if __name__ == "__main__":
    main()
