"""Constructor options, environment variables, headers, with_options, raw responses, closing, secrets, logging."""

from __future__ import annotations

import logging
import subprocess
import sys

import clear_street
import httpx
import pytest
from conftest import BASE_URL, example

SECRET = "sk-live-7f3a9c-DO-NOT-LEAK"


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=example("cancel_open_order", "200"))


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLEAR_STREET_API_KEY", "CLEAR_STREET_BASE_URL", "CLEAR_STREET_LOG"):
        monkeypatch.delenv(name, raising=False)


def test_every_request_carries_auth_accept_and_user_agent(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(lambda request: seen.append(request) or ok(request), api_key=SECRET)
    client.v1.orders.cancel_open_order("o-1", account_id=1)
    headers = seen[0].headers
    assert headers["authorization"] == f"Bearer {SECRET}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith(f"clear-street/{clear_street.__version__}")


def test_defaults() -> None:
    client = clear_street.ClearStreet(api_key="k")
    assert client.base_url == "https://api.clearstreet.com/"
    assert client.max_retries == 2
    assert client.timeout == httpx.Timeout(60.0, connect=5.0)
    client.close()


def test_api_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEAR_STREET_API_KEY", SECRET)
    monkeypatch.setenv("CLEAR_STREET_BASE_URL", "http://127.0.0.1:9/prefix/")
    client = clear_street.ClearStreet()
    assert client.api_key == SECRET
    assert client.base_url == "http://127.0.0.1:9/prefix/"
    assert clear_street.ClearStreet(base_url="http://x.test").base_url == "http://x.test/"
    production = clear_street.ClearStreet(environment="production", base_url=None)
    assert production.base_url == "https://api.clearstreet.com/"


def test_missing_key_names_the_variable() -> None:
    with pytest.raises(clear_street.ClearStreetError, match="CLEAR_STREET_API_KEY"):
        clear_street.ClearStreet()
    with pytest.raises(clear_street.ClearStreetError, match="CLEAR_STREET_API_KEY"):
        clear_street.AsyncClearStreet(api_key="")


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"base_url": "ftp://x"}, ValueError),
        ({"base_url": "http://x", "environment": "production"}, ValueError),
        ({"environment": "staging"}, ValueError),
        ({"max_retries": -1}, ValueError),
        ({"max_retries": True}, TypeError),
        ({"timeout": 0}, ValueError),
        ({"timeout": "5"}, ValueError),
        ({"http_client": httpx.AsyncClient()}, TypeError),
    ],
)
def test_bad_options_are_refused(options: dict, error: type) -> None:
    with pytest.raises(error):
        clear_street.ClearStreet(api_key="k", **options)


def test_malformed_key_is_refused_without_echoing_it() -> None:
    with pytest.raises(clear_street.ClearStreetError) as caught:
        clear_street.ClearStreet(api_key="secret\nvalue")
    assert "secret" not in str(caught.value)


def test_the_key_is_in_no_repr_or_error(make_client, sleeps, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="clear_street")
    client = make_client(lambda request: httpx.Response(401, json={"error": {"code": 401, "message": "bad key"}}))
    client = client.with_options(api_key=SECRET, max_retries=1)
    assert SECRET not in repr(client)
    assert SECRET not in str(client)
    with pytest.raises(clear_street.AuthenticationError) as caught:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    error = caught.value
    for text in (str(error), repr(error), repr(error.request), repr(error.request.headers), repr(error.response)):
        assert SECRET not in text
    assert caplog.records, "the request was logged"
    assert SECRET not in caplog.text


def test_with_options_shares_the_pool_and_overrides(make_client) -> None:
    seen: list[httpx.Request] = []
    base = make_client(lambda request: seen.append(request) or ok(request), default_headers={"X-Desk": "a"})
    copy = base.with_options(api_key="other", timeout=3, max_retries=5, default_headers={"X-Trace": "t"})
    assert copy._http is base._http
    assert (copy.max_retries, copy.timeout.read, copy.base_url) == (5, 3.0, BASE_URL + "/")
    assert (base.max_retries, base.api_key) == (2, "test-key")
    copy.v1.orders.cancel_open_order("o-1", account_id=1)
    assert seen[0].headers["authorization"] == "Bearer other"
    assert (seen[0].headers["x-desk"], seen[0].headers["x-trace"]) == ("a", "t")
    assert seen[0].extensions["timeout"]["read"] == 3.0


def test_headers_are_replaced_by_name_in_any_case(make_client) -> None:
    # A header named in another case replaces ours: two Authorization headers would leave the choice to the server.
    seen: list[httpx.Request] = []
    client = make_client(lambda request: seen.append(request) or ok(request), default_headers={"accept": "text/x"})
    client.v1.orders.cancel_open_order("o-1", account_id=1, extra_headers={"authorization": "Bearer desk-2"})
    copy = client.with_options(default_headers={"ACCEPT": "text/y"})
    copy.v1.orders.cancel_open_order("o-1", account_id=1)
    first, second = (request.headers for request in seen)
    assert first.get_list("authorization") == ["Bearer desk-2"]
    assert first.get_list("accept") == ["text/x"]
    assert second.get_list("authorization") == ["Bearer test-key"]
    assert second.get_list("accept") == ["text/y"]


def test_the_callers_http_client_is_not_mutated_and_its_hooks_run() -> None:
    hooked: list[str] = []
    http = httpx.Client(
        transport=httpx.MockTransport(ok),
        headers={"X-Own": "1"},
        event_hooks={"request": [lambda request: hooked.append(str(request.url))]},
    )
    before = (dict(http.headers), http.base_url, http.timeout)
    with clear_street.ClearStreet(api_key="k", base_url=BASE_URL, http_client=http) as client:
        client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert (dict(http.headers), http.base_url, http.timeout) == before
    assert hooked == [f"{BASE_URL}/v1/accounts/1/orders/o-1"]
    assert not http.is_closed  # the caller's to close
    http.close()


def test_per_call_timeout(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(lambda request: seen.append(request) or ok(request))
    client.v1.orders.cancel_open_order("o-1", account_id=1, timeout=1.5)
    client.v1.orders.cancel_open_order("o-1", account_id=1)
    assert seen[0].extensions["timeout"]["read"] == 1.5
    assert seen[1].extensions["timeout"]["read"] == 60.0


def test_with_raw_response(make_client) -> None:
    client = make_client(lambda request: httpx.Response(200, json=example("cancel_open_order", "200"),
                                                        headers={"x-ratelimit-remaining": "9"}))  # fmt: skip
    raw = client.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=1)
    assert raw.status_code == 200
    assert raw.headers["x-ratelimit-remaining"] == "9"
    assert isinstance(raw.http_response, httpx.Response)
    parsed = raw.parse()
    assert parsed is raw.parse()
    assert parsed == client.v1.orders.cancel_open_order("o-1", account_id=1)
    all_raw = client.v1.orders.with_raw_response.cancel_all_open_orders(1, side="BUY")
    assert all_raw.http_response.request.url.params["side"] == "BUY"


def test_logging_a_line_per_attempt_at_debug_and_per_call_at_info(make_client, sleeps, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="clear_street")
    replies = iter([httpx.Response(503, headers={"x-request-id": "r-503"}), ok(None)])  # type: ignore[arg-type]
    client = make_client(lambda request: next(replies))
    client.v1.orders.cancel_open_order("o-1", account_id=1)
    records = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "clear_street"]
    assert [level for level, _ in records] == [logging.DEBUG, logging.DEBUG, logging.INFO]
    assert records[0][1].startswith("DELETE /v1/accounts/1/orders/o-1 -> 503 request_id=r-503 attempt=1 elapsed=")
    assert " retrying in " in records[0][1]
    request_id = example("cancel_open_order", "200")["metadata"]["request_id"]  # from the body: no header
    assert records[1][1].startswith(f"DELETE /v1/accounts/1/orders/o-1 -> 200 request_id={request_id} attempt=2 ")
    assert records[2][1].startswith(f"DELETE /v1/accounts/1/orders/o-1 -> 200 request_id={request_id} attempts=2 ")


def test_clear_street_log_env_turns_logging_on_without_code() -> None:
    script = (
        "import httpx, clear_street;"
        "h = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404, json={})));"
        "c = clear_street.ClearStreet(api_key='SECRETKEY', base_url='http://x.test', http_client=h);"
        "\ntry: c.v1.orders.cancel_open_order('o', account_id=1)\nexcept clear_street.NotFoundError: pass"
    )
    env = {"CLEAR_STREET_LOG": "debug", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=600
    )
    assert "clear_street DEBUG DELETE /v1/accounts/1/orders/o -> 404" in result.stderr
    assert "SECRETKEY" not in result.stderr
    quiet = subprocess.run(
        [sys.executable, "-c", script], env={"PATH": ""}, capture_output=True, text=True, timeout=600
    )
    assert quiet.stderr == ""


async def test_async_client_options_and_close(make_async_client) -> None:
    client = make_async_client(ok, max_retries=4)
    async with client:
        response = await client.v1.orders.cancel_open_order("o-1", account_id=1)
        assert response.data.symbol == "TSLA"
        copy = client.with_options(max_retries=0)
        assert copy._http is client._http
        assert copy.max_retries == 0
    assert not client._http.is_closed  # the caller's http_client: the caller closes it
    with pytest.raises(clear_street.ClearStreetError, match="closed"):
        await client.v1.orders.cancel_open_order("o-1", account_id=1)
    await client._http.aclose()
