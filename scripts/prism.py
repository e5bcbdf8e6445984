"""Start and stop Prism (from node_modules, installed by `npm ci`) serving a spec on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PRISM = ROOT / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "spec" / "openapi.yaml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(
    spec: Path = SPEC, startup_seconds: float = 60, dynamic: bool = False, errors: bool = True
) -> Iterator[str]:
    """Prism's base URL while it runs; it validates every request against ``spec``. ``dynamic`` makes it answer
    with bodies it generates from the schemas rather than the spec's examples; ``errors=False`` lets it answer with
    an example that breaks the spec (as a vendor's document may have) instead of a 500."""
    if not PRISM.exists():
        raise RuntimeError(f"{PRISM} is missing: `make venv` installs it with npm ci")
    port = free_port()
    command = [
        str(PRISM),
        "mock",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *(["--errors"] if errors else []),
        str(spec),
    ]
    command += ["--dynamic"] if dynamic else []
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Prism exited with status {process.returncode}")
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Prism did not answer within {startup_seconds} s") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
