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


def vendor(dest: Path, generated: Path = ROOT / "generated") -> None:
    if dest.exists():
        shutil.rmtree(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "templates")
    shutil.copytree(ROOT / "overrides", dest, ignore=ignore)
    shutil.copytree(generated, dest / "_generated", ignore=ignore)
    (dest / "VENDORED.txt").write_text(
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
