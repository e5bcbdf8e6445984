"""Lifecycle and what a call tells of itself: what a client closes, options checked alike, trio, retries taken,
an earlier attempt that may have reached the server, and logging that prints each line once."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import clear_street
import httpx
import pytest
from conftest import BASE_URL, example

OK = example("cancel_open_order", "200")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLEAR_STREET_API_KEY", "CLEAR_STREET_BASE_URL", "CLEAR_STREET_LOG"):
        monkeypatch.delenv(name, raising=False)


def answering(*replies: httpx.Response | Exception):
    """A handler that gives ``replies`` in turn (raising the exceptions), then 200s."""
    queue = list(replies)

    def handler(request: httpx.Request) -> httpx.Response:
        reply = queue.pop(0) if queue else httpx.Response(200, json=OK)
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler


def test_an_empty_base_url_is_an_error_and_an_empty_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="base_url must not be empty"):
        clear_street.ClearStreet(api_key="k", base_url="")
    with pytest.raises(ValueError, match="base_url must not be empty"):
        clear_street.ClearStreet(api_key="k", base_url="http://x.test").with_options(base_url="")
    monkeypatch.setenv("CLEAR_STREET_BASE_URL", "")
    assert clear_street.ClearStreet(api_key="k").base_url == "https://api.clearstreet.com/"


def test_a_client_closes_only_the_pool_it_made() -> None:
    with clear_street.ClearStreet(api_key="k") as parent:
        with parent.with_options(max_retries=0) as copy:
            assert copy._http is parent._http
        assert not parent._http.is_closed  # leaving the copy's block left the parent's pool open
        with pytest.raises(clear_street.ClearStreetError, match="closed"):
            copy.v1.orders.cancel_open_order("o", account_id=1)
    assert parent._http.is_closed
    mine = httpx.Client()
    with clear_street.ClearStreet(api_key="k", http_client=mine):
        pass
    assert not mine.is_closed  # the caller's to close
    mine.close()


def test_a_call_on_a_closed_client_is_a_clear_street_error(make_client) -> None:
    client = make_client(answering())
    client.close()
    with pytest.raises(clear_street.ClearStreetError, match="ClearStreet is closed"):
        client.v1.orders.cancel_open_order("o", account_id=1)
    parent = clear_street.ClearStreet(api_key="k")
    copy = parent.with_options(timeout=5)
    parent.close()
    with pytest.raises(clear_street.ClearStreetError, match="closed"):  # its shared pool is gone
        copy.v1.orders.cancel_all_open_orders(1)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"timeout": 0}, ValueError),
        ({"timeout": -1.5}, ValueError),
        ({"api_key": ""}, clear_street.ClearStreetError),
        ({"api_key": "bad\nkey"}, clear_street.ClearStreetError),
        ({"max_retries": -1}, ValueError),
        ({"environment": "staging"}, ValueError),
        ({"strict_response_validation": 1}, TypeError),
        ({"http_client": httpx.AsyncClient()}, TypeError),
        ({"http_client": httpx.Client(params={"a": "1"})}, ValueError),
    ],
)
def test_with_options_checks_like_the_constructor(options: dict, error: type) -> None:
    with clear_street.ClearStreet(api_key="k") as client, pytest.raises(error):
        client.with_options(**options)


async def test_the_async_client_refuses_a_sync_http_client() -> None:
    async with clear_street.AsyncClearStreet(api_key="k") as client:
        with pytest.raises(TypeError, match="httpx.AsyncClient"):
            client.with_options(http_client=httpx.Client())  # type: ignore[arg-type]


def test_the_async_client_retries_under_trio() -> None:
    import trio

    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503, headers={"retry-after": "0"}) if len(calls) == 1 else httpx.Response(200, json=OK)

    async def main() -> int:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with clear_street.AsyncClearStreet(api_key="k", base_url=BASE_URL, http_client=http) as client:
            raw = await client.v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
            assert (await raw.parse()).data.symbol == "TSLA"
        await http.aclose()
        return raw.retries_taken

    assert trio.run(main) == 1
    assert len(calls) == 2


def test_raw_responses_carry_retries_taken_request_id_and_elapsed(make_client, sleeps) -> None:
    client = make_client(answering(httpx.Response(429), httpx.Response(503)))
    raw = client.v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    assert raw.retries_taken == 2
    assert raw.request_id == OK["metadata"]["request_id"]  # no header: the body's
    assert raw.elapsed >= 0


def test_one_rule_for_the_request_id_the_bodys_then_the_header(make_client, caplog) -> None:
    """The body's id is the API's own, where a proxy may set a header of its own: raw responses, errors and the
    log line all take the body's first, and the header when the body has none."""
    body_id, proxy = OK["metadata"]["request_id"], {"x-request-id": "proxy-1"}
    error = {"error": {"code": 404, "message": "gone"}, "metadata": {"request_id": "body-404"}}
    replies = {"ok": httpx.Response(200, json=OK, headers=proxy),
               "error": httpx.Response(404, json=error, headers=proxy),
               "html": httpx.Response(200, text="<p>", headers=proxy)}  # fmt: skip
    client = make_client(lambda request: replies[request.url.path.rsplit("/", 1)[1]], max_retries=0)
    raw = client.v1.orders.with_raw_response
    caplog.set_level("INFO", logger="clear_street")
    assert raw.cancel_open_order("ok", account_id=1).request_id == body_id
    assert f"request_id={body_id} " in caplog.records[-1].getMessage()
    html = raw.cancel_open_order("html", account_id=1)
    assert html.request_id == "proxy-1"  # no envelope: the header, not an exception
    with pytest.raises(clear_street.APIResponseValidationError) as invalid:
        html.parse()
    assert invalid.value.request_id == "proxy-1"
    with pytest.raises(clear_street.NotFoundError) as not_found:
        raw.cancel_open_order("error", account_id=1)
    assert not_found.value.request_id == "body-404"
    assert "request_id=body-404 " in caplog.records[-1].getMessage()


def test_the_log_line_takes_the_envelopes_request_id_over_an_orders_field(make_client, caplog) -> None:
    """The log finds the id without decoding the body: from its end, where the envelope's metadata is, so that a
    field of that name in an order (which the spec does not know) is not taken for it."""
    order = {**example("cancel_all_open_orders", "200")["data"][0], "request_id": "an-orders-field"}
    body = {"data": [order, order], "error": None, "metadata": {"request_id": "the-envelopes"}}
    client = make_client(lambda request: httpx.Response(200, json=body))
    caplog.set_level("INFO", logger="clear_street")
    assert client.v1.orders.cancel_all_open_orders(1).metadata.request_id == "the-envelopes"
    assert "request_id=the-envelopes " in caplog.records[-1].getMessage()


def test_errors_carry_retries_taken(make_client, sleeps) -> None:
    client = make_client(answering(httpx.Response(503), httpx.Response(503), httpx.Response(503)))
    with pytest.raises(clear_street.InternalServerError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.retries_taken == 2
    with pytest.raises(clear_street.BadRequestError) as caught:
        make_client(answering(httpx.Response(400))).v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.retries_taken == 0


def test_a_not_found_after_a_timed_out_cancel_says_the_cancel_may_have_happened(make_client, sleeps) -> None:
    """The first attempt timed out while waiting for the answer: the server may have cancelled the order, and the
    retry's 404 is then the proof rather than a failure. The error says so and chains the timeout."""
    timeout = httpx.ReadTimeout("read timed out")
    gone = httpx.Response(404, json={"error": {"code": 404, "message": "Order o not found"}, "metadata": {}})
    client = make_client(answering(timeout, gone))
    with pytest.raises(clear_street.NotFoundError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    error = caught.value
    assert "may have reached the server, so the cancel may already have taken effect" in str(error)
    assert error.message == "Order o not found"  # the API's words, exactly: the doubt is an attribute
    assert error.earlier_attempt is error.__cause__
    assert isinstance(error.__cause__, clear_street.APITimeoutError)
    assert isinstance(error.__cause__.__cause__, httpx.ReadTimeout)
    assert error.retries_taken == 1


def test_a_success_after_an_attempt_that_may_have_reached_the_server_carries_it(make_client, sleeps) -> None:
    """A 2xx after a dropped reply may be a second look at a book the first attempt already emptied: the raw
    response carries that attempt, and so does a validation error of the 2xx."""
    dropped = httpx.RemoteProtocolError("peer closed connection without sending a complete message body")
    client = make_client(answering(dropped, httpx.Response(200, json=OK)))
    raw = client.v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    assert isinstance(raw.earlier_attempt, clear_street.APIConnectionError)
    assert raw.parse().data is not None
    client = make_client(answering(dropped, httpx.Response(200, text="<html>proxy</html>")))
    with pytest.raises(clear_street.APIResponseValidationError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.earlier_attempt is caught.value.__cause__
    assert "may already have taken effect" in str(caught.value)
    clean = make_client(answering(httpx.Response(200, json=OK)))
    assert clean.v1.orders.with_raw_response.cancel_open_order("o", account_id=1).earlier_attempt is None


def test_a_failure_before_sending_is_not_said_to_have_reached_the_server(make_client, sleeps) -> None:
    refused = httpx.ConnectError("connection refused")
    client = make_client(answering(refused, httpx.Response(400, json={"error": {"code": 400, "message": "bad"}})))
    with pytest.raises(clear_street.BadRequestError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert "may have reached" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.earlier_attempt is None


def run_logging(app_config: str) -> list[str]:
    script = textwrap.dedent(f"""
        import logging, httpx, clear_street
        {app_config}
        ok = {OK!r}
        h = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=ok)))
        c = clear_street.ClearStreet(api_key="SECRETKEY", base_url="http://x.test", http_client=h)
        c.v1.orders.cancel_open_order("o", account_id=1)
    """)
    env = {"CLEAR_STREET_LOG": "info", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=600
    )
    assert "SECRETKEY" not in result.stderr
    return [line for line in result.stderr.splitlines() if "DELETE /v1/accounts/1/orders/o" in line]


def test_info_logs_one_line_per_call_printed_once_whoever_configured_logging() -> None:
    (own,) = run_logging("")
    assert "clear_street INFO DELETE /v1/accounts/1/orders/o -> 200 request_id=" in own
    assert " attempts=1 elapsed=" in own
    (app,) = run_logging("logging.basicConfig(level=logging.WARNING, format='APP %(name)s %(message)s')")
    assert app.startswith("APP clear_street DELETE /v1/accounts/1/orders/o -> 200")
