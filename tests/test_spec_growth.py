"""Spec growth keeps the suite green: the tests that read the spec, run on a copy whose spec gained enum values
(a side, a security type, an order status) and operations (those of spec/constructs/openapi.yaml, path-level
parameters and all), against the package regenerated from it. No test hard-codes what the spec defines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

# The tests that read the spec's enums, examples and operations.
SPEC_READERS = [
    "tests/test_validation.py",
    "tests/test_spec.py",
    "tests/test_examples.py",
    "tests/test_architecture.py",
]


def fresh(values: list[str], base: str) -> str:
    """``base``, or ``base`` with a number, whichever the enum does not have yet."""
    return next(name for n in range(len(values) + 1) if (name := f"{base}{n or ''}") not in values)


def test_new_enum_values_and_operations_keep_the_spec_reading_tests_green(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for part in ("tests", "spec", "scripts", "overrides", "docs", "README.md", "pyproject.toml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / part)
    spec_path = copy / "spec" / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text())
    schemas = spec["components"]["schemas"]
    for schema, base in (("Side", "BUY_TO_COVER"), ("SecurityType", "FUTURE"), ("OrderStatus", "HELD")):
        schemas[schema]["enum"].append(fresh(schemas[schema]["enum"], base))
    constructs = yaml.safe_load((ROOT / "spec" / "constructs" / "openapi.yaml").read_text())  # new operations too
    spec["paths"].update(constructs["paths"])
    schemas.update(constructs["components"]["schemas"])
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    generate = [sys.executable, "scripts/generate.py", "--spec", str(spec_path), "--output", str(copy / "generated")]
    result = subprocess.run(generate, cwd=copy, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    vendor = [sys.executable, "scripts/vendor.py", str(tmp_path / "site" / "clear_street"), "--generated",
              str(copy / "generated")]  # fmt: skip
    subprocess.run(vendor, cwd=copy, check=True, capture_output=True, timeout=60)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}  # the regenerated package, not the installed one
    check = "import clear_street, sys; sys.exit(not {'FUTURE'} & set(map(str, clear_street.SecurityType)))"
    assert subprocess.run([sys.executable, "-c", check], env=env, timeout=60).returncode == 0
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SPEC_READERS],
                            cwd=copy, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
