"""Vendoring into another repository, and regenerating from a changed spec with no hand edits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT, SPEC_PATH
from loopback import serving

# Importing the installed package from the child would hide a vendored copy that secretly depends on it.
BLOCK_INSTALLED = "import sys; sys.modules['clear_street'] = None\n"


def run_python(code: str, path: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(path), "PATH": ""}
    return subprocess.run([sys.executable, "-c", BLOCK_INSTALLED + code], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_make_vendor_into_a_host_package(tmp_path: Path) -> None:
    host = tmp_path / "desk_tools"
    host.mkdir()
    (host / "__init__.py").write_text("")
    subprocess.run(
        ["make", "-s", "vendor", f"DEST={host / 'clearst'}"], cwd=ROOT, check=True, capture_output=True, timeout=600
    )
    with serving() as server:
        result = run_python(
            "from desk_tools import clearst\n"
            f"client = clearst.ClearStreet(api_key='k', base_url='{server.url}')\n"
            "print(client.v1.orders.cancel_open_order('v-1', account_id=3).data.id, clearst.__version__)\n"
            "try:\n    client.v1.orders.cancel_open_order('missing-2', account_id=3)\n"
            "except clearst.NotFoundError as e:\n    print(type(e).__module__)\n",
            tmp_path,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["v-1", "0.1.0", "desk_tools.clearst._exceptions"]


def test_make_vendor_refuses_a_destination_that_is_no_vendored_copy(tmp_path: Path) -> None:
    """``DEST=src/host_pkg`` for ``DEST=src/host_pkg/clear_street``, an easy slip: the host's files are kept."""
    host = tmp_path / "host_pkg"
    host.mkdir()
    (host / "__init__.py").write_text("HOST = 1\n")
    (host / "trading.py").write_text("def kill(): ...\n")
    result = subprocess.run(["make", "-s", "vendor", f"DEST={host}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "no vendored copy" in result.stderr
    assert str(host / "clear_street") in result.stderr
    assert sorted(path.name for path in host.iterdir()) == ["__init__.py", "trading.py"]
    assert (host / "trading.py").read_text() == "def kill(): ...\n"
    # A previous vendored copy is replaced, a second time too.
    for _ in range(2):
        subprocess.run(["make", "-s", "vendor", f"DEST={host / 'clear_street'}"], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
    assert (host / "clear_street" / "VENDORED.txt").is_file()


def test_make_vendor_needs_dest() -> None:
    result = subprocess.run(["make", "-s", "vendor"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "DEST=" in result.stderr


def test_a_spec_change_regenerates_without_hand_edits(tmp_path: Path) -> None:
    """Add an enum value and an Order field to a copy of the spec, regenerate, and use both through the client."""
    spec = yaml.safe_load(SPEC_PATH.read_text())
    sides = spec["components"]["schemas"]["Side"]["enum"]
    added = next(name for n in range(len(sides) + 1) if (name := f"BUY_TO_COVER{n or ''}") not in sides)  # a new one
    sides.append(added)
    spec["components"]["schemas"]["Order"]["properties"]["routing_strategy"] = {"type": ["string", "null"]}
    changed = tmp_path / "openapi.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    generated = tmp_path / "generated"
    subprocess.run([sys.executable, "scripts/generate.py", "--spec", str(changed), "--output", str(generated)],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)  # fmt: skip
    subprocess.run([sys.executable, "scripts/vendor.py", str(tmp_path / "pkg" / "regenerated"), "--generated",
                    str(generated)], cwd=ROOT, check=True, capture_output=True, timeout=600)  # fmt: skip
    body = {"data": {**yaml.safe_load(SPEC_PATH.read_text())["paths"]["/v1/accounts/{account_id}/orders/{order_id}"][
        "delete"]["responses"]["200"]["content"]["application/json"]["examples"]["cancel_open_order"]["value"]["data"],
        "side": added, "routing_strategy": "TWAP"}, "metadata": {"request_id": "r"}}  # fmt: skip
    result = run_python(
        "import httpx, regenerated as clear_street\n"
        f"body = {json.dumps(body)!r}\n"
        "http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))\n"
        "c = clear_street.ClearStreet(api_key='k', base_url='http://x.test', http_client=http)\n"
        "o = c.v1.orders.cancel_open_order('o', account_id=1).data\n"
        f"print(o.routing_strategy, o.side is clear_street.Side.{added},\n"
        f"      {added!r} in clear_street.Side.known())\n"
        f"c.v1.orders.cancel_all_open_orders(1, side={added!r})\n",
        tmp_path / "pkg",
    )
    assert result.stdout.split() == ["TWAP", "True", "True"], result.stderr
    assert "routing_strategy" not in (ROOT / "generated" / "models" / "order.py").read_text()
