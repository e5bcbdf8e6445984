"""`make build` and `make publish` for real: a pypiserver on 127.0.0.1 with upload authentication, then a fresh
venv installs clear-street from it with --index-url and makes a call."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, prism_server
from loopback import serving
from passlib.apache import HtpasswdFile

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    """A pypiserver that requires user `publisher` / password `s3cret` to upload."""
    root = tmp_path_factory.mktemp("index")
    (root / "packages").mkdir()
    htpasswd = HtpasswdFile(str(root / "htpasswd"), new=True)
    htpasswd.set_password("publisher", "s3cret")
    htpasswd.save()
    port = prism_server.free_port()
    command = [str(BIN / "pypi-server"), "run", "--host", "127.0.0.1", "--port", str(port),
               "--passwords", str(root / "htpasswd"), "--authenticate", "update", str(root / "packages")]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{url}/simple/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield url, root / "packages"
    process.terminate()
    process.wait(timeout=10)


def make(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TWINE_", "INDEX_URL"))}
    return subprocess.run(["make", "-s", *args], cwd=ROOT, env={**environment, **env}, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def test_publish_refuses_without_index_url() -> None:
    result = make("publish")
    assert result.returncode != 0
    assert "set INDEX_URL" in result.stderr


def test_publish_refuses_bad_credentials(index) -> None:
    url, packages = index
    result = make("publish", INDEX_URL=url, TWINE_USERNAME="publisher", TWINE_PASSWORD="wrong")
    assert result.returncode != 0
    assert list(packages.iterdir()) == []


def test_publish_then_install_from_the_index_and_call(index, tmp_path: Path) -> None:
    url, packages = index
    result = make("publish", INDEX_URL=url, TWINE_USERNAME="publisher", TWINE_PASSWORD="s3cret")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in packages.iterdir()) == [
        "clear_street-0.1.0-py3-none-any.whl",
        "clear_street-0.1.0.tar.gz",
    ]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    # --index-url only: dependencies come through the index (pypiserver forwards what it lacks to its upstream),
    # never from a second index that could shadow our name.
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--index-url", f"{url}/simple/",
                    "clear-street==0.1.0"], check=True, timeout=300)  # fmt: skip
    with serving() as server:
        call = subprocess.run(
            [str(venv / "bin" / "python"), "-c",
             "import clear_street, sys; print(clear_street.__file__.startswith(sys.prefix),"
             f" clear_street.ClearStreet(api_key='k', base_url='{server.url}')"
             ".v1.orders.cancel_open_order('p-1', account_id=1).data.id)"],
            capture_output=True, text=True, cwd=tmp_path, timeout=60,
        )  # fmt: skip
        cli = subprocess.run([str(venv / "bin" / "clear-street"), "orders", "cancel", "p-2", "--account-id", "1"],
                             env={"CLEAR_STREET_API_KEY": "k", "CLEAR_STREET_BASE_URL": server.url},
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    assert call.stdout.split() == ["True", "p-1"], call.stderr
    assert cli.returncode == 0, cli.stderr
