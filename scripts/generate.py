"""Regenerate ``generated/`` from ``spec/openapi.yaml``, or check that it is up to date.

    python scripts/generate.py           # rewrite generated/
    python scripts/generate.py --check   # exit 1, naming the files, when generated/ is stale
    python scripts/generate.py --spec S --output DIR   # generate from another spec into DIR

The generator and the formatter are pinned: their versions are part of the output, so a different version
is refused rather than allowed to produce different bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
CONFIG = ROOT / "scripts" / "openapi-python-client.yaml"
TEMPLATES = ROOT / "overrides" / "templates"
GENERATED = ROOT / "generated"
PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.5"}


def check_pins() -> None:
    for package, wanted in PINNED.items():
        found = version(package)
        if found != wanted:
            sys.exit(f"generate: {package} {found} is installed, {wanted} is pinned (run `make venv`)")


def generate(spec: Path, output: Path) -> None:
    """Run the generator into ``output`` (replaced whole), formatting with the ruff beside this Python."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "_generated"
        command = [
            str(bin_dir / "openapi-python-client"), "generate",
            "--path", str(spec), "--meta", "none", "--output-path", str(target),
            "--config", str(CONFIG), "--custom-template-path", str(TEMPLATES),
        ]  # fmt: skip
        result = subprocess.run(command, env=env, cwd=scratch, capture_output=True, text=True)
        # The generator reports problems in the spec as warnings and still exits 0: treat them as failures.
        if result.returncode != 0 or "Warning" in result.stdout or "Error" in result.stdout or not target.is_dir():
            sys.exit(f"generate: openapi-python-client failed\n{result.stdout}{result.stderr}")
        shutil.rmtree(target / ".ruff_cache", ignore_errors=True)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(target, output)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees, including files only on one side."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if generated/ differs from a fresh generation")
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--output", type=Path, default=GENERATED)
    args = parser.parse_args()
    check_pins()
    if not args.check:
        generate(args.spec, args.output)
        return
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "generated"
        generate(args.spec, fresh)
        stale = differences(fresh, args.output) if args.output.is_dir() else ["(generated/ is missing)"]
    if stale:
        listing = "\n  ".join(stale)
        sys.exit(f"generate: generated/ is stale; run `make generate` and commit. Differs:\n  {listing}")
    print("generate: generated/ is up to date")


if __name__ == "__main__":
    main()
