"""The request on the wire is exactly the one asked for, whatever ``httpx`` client the caller brings.

httpx 0.28 replaces a URL's query with a client's default ``params`` (0.27 merges them): a filtered cancel-all
would go out unfiltered and cancel every order. These run on the installed httpx and, in a subprocess, on the
oldest httpx the pin allows.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import clear_street
import httpx
import pytest
from conftest import BASE_URL, ROOT, example

FILTERED = f"{BASE_URL}/v1/accounts/7/orders?instrument_ids=a1%20b,c2&instrument_type=OPTION&side=SELL&type=LIMIT"


def call_filtered(http: httpx.Client) -> None:
    with clear_street.ClearStreet(api_key="k", base_url=BASE_URL, http_client=http) as client:
        client.v1.orders.cancel_all_open_orders(
            7, instrument_ids=["a1 b", "c2"], instrument_type="OPTION", side="SELL", type="LIMIT"
        )


def recording(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=example("cancel_all_open_orders", "200"))

    return httpx.MockTransport(handler)


def test_a_callers_client_defaults_do_not_touch_the_query() -> None:
    seen: list[httpx.Request] = []
    hooked: list[str] = []
    http = httpx.Client(
        transport=recording(seen),
        base_url="http://elsewhere.test/api/",
        headers={"X-Desk": "d1", "Authorization": "Bearer not-ours"},
        cookies={"session": "s"},
        event_hooks={"request": [lambda request: hooked.append(str(request.url))]},
    )
    call_filtered(http)
    (request,) = seen
    assert str(request.url) == FILTERED
    assert hooked == [FILTERED]
    assert request.headers["authorization"] == "Bearer k"
    assert request.headers["x-desk"] == "d1"


def test_default_params_set_after_construction_still_do_not_reach_the_wire() -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(transport=recording(seen))
    with clear_street.ClearStreet(api_key="k", base_url=BASE_URL, http_client=http) as client:
        http.params = httpx.QueryParams({"side": "BUY"})
        client.v1.orders.cancel_all_open_orders(7, side="SELL")
        http.params = httpx.QueryParams({"page": "2"})
        client.v1.orders.cancel_all_open_orders(7)
    assert [str(r.url) for r in seen] == [
        f"{BASE_URL}/v1/accounts/7/orders?side=SELL",
        f"{BASE_URL}/v1/accounts/7/orders",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [({"params": {"side": "BUY"}}, "default params"), ({"auth": ("user", "pw")}, "replace the API key")],
)
def test_a_client_we_cannot_drive_exactly_is_refused_at_construction(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clear_street.ClearStreet(api_key="k", http_client=httpx.Client(**options))
    with pytest.raises(ValueError, match=message):
        clear_street.AsyncClearStreet(api_key="k", http_client=httpx.AsyncClient(**options))
    with pytest.raises(ValueError, match=message):
        clear_street.ClearStreet(api_key="k").with_options(http_client=httpx.Client(**options))


def test_the_oldest_httpx_the_pin_allows(tmp_path: Path) -> None:
    """Run this module's two checks of the query under the oldest httpx in ``pyproject.toml``'s range."""
    pin = next(d for d in (ROOT / "pyproject.toml").read_text().split('"') if d.startswith("httpx>="))
    oldest = pin.split(">=")[1].split(",")[0]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(tmp_path),
         f"httpx=={oldest}.0", "sniffio"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    for wheel in tmp_path.glob("*.whl"):  # httpx 0.27 also needs sniffio, which 0.28 dropped
        zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    script = (
        "import httpx, sys; sys.path.insert(0, 'tests');"
        f"assert httpx.__version__ == '{oldest}.0', httpx.__version__;"
        "import test_exact_request as t;"
        "t.test_a_callers_client_defaults_do_not_touch_the_query();"
        "t.test_default_params_set_after_construction_still_do_not_reach_the_wire();"
        "print('ok', httpx.__version__)"
    )
    env = {"PYTHONPATH": f"{tmp_path / 'site'}", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ok {oldest}.0"
