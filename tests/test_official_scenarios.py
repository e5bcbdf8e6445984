"""The official SDK's own test scenarios (``tests/test_client.py`` and the two cancel tests of
clear-street/clear-street-python), each reproduced against this client through its public API. Where we differ on
purpose, the test asserts our behaviour and docs/coming-from-official-sdk.md says why; each such test says so."""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any
from unittest import mock

import clear_street
import httpx
import pytest
import respx
from clear_street._pool import FanOutPool
from clear_street._response import AsyncAPIResponse
from clear_street._transport import Sent, retry_delay
from conftest import BASE_URL, example
from loopback import BUSY_TWICE, NEVER_ANSWERS, serving

OK = example("cancel_open_order", "200")
ALL = example("cancel_all_open_orders", "200")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLEAR_STREET_API_KEY", "CLEAR_STREET_BASE_URL", "CLEAR_STREET_LOG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def make_async_client() -> AsyncIterator[Callable[..., clear_street.AsyncClearStreet]]:
    """As the official SDK's async tests: a client made without ``http_client`` (its own fan-out pool), its requests
    answered by ``handler`` under respx's default mocker (which replaces httpcore's pool), not by a mock transport."""
    clients: list[clear_street.AsyncClearStreet] = []
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        route = router.route()

        def make(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> clear_street.AsyncClearStreet:
            route.side_effect = handler
            options.setdefault("api_key", "test-key")
            options.setdefault("base_url", BASE_URL)
            clients.append(clear_street.AsyncClearStreet(**options))
            return clients[-1]

        yield make
        for client in clients:
            await client.close()


def recording(seen: list[httpx.Request], reply: Callable[[httpx.Request], httpx.Response] | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply(request) if reply else httpx.Response(200, json=OK)

    return handler


def timeout_of(request: httpx.Request) -> httpx.Timeout:
    return httpx.Timeout(**request.extensions["timeout"])


# Raw responses (test_raw_response, test_raw_response_for_binary, test_non_application_json_content_type_...)


@pytest.mark.parametrize("content_type", ["application/json", "application/binary", "application/text"])
def test_raw_response_whatever_the_content_type(make_client, content_type: str) -> None:
    body = json.dumps(OK).encode()
    client = make_client(lambda request: httpx.Response(200, content=body, headers={"Content-Type": content_type}))
    raw = client.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=1)
    assert isinstance(raw.http_response, httpx.Response)
    assert (raw.status_code, raw.http_response.json()) == (200, OK)
    assert raw.parse().data.id == OK["data"]["id"]


async def test_async_raw_response(make_async_client) -> None:
    async with make_async_client(lambda request: httpx.Response(200, json=OK)) as client:
        raw = await client.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=1)
        assert isinstance(raw, AsyncAPIResponse)
        assert isinstance(raw.http_response, httpx.Response)
        assert raw.http_response.json() == OK
        assert (await raw.parse()).data.id == OK["data"]["id"]


async def test_an_async_api_response_parses_with_await() -> None:
    request = httpx.Request("DELETE", f"{BASE_URL}/v1/accounts/1/orders/o")
    response = httpx.Response(200, json=OK, headers={"x-request-id": "h"}, request=request)
    raw = AsyncAPIResponse(Sent(response, 0, 0.0, None), clear_street.OrderCancelOpenOrderResponse, False)
    assert inspect.iscoroutinefunction(raw.parse)
    assert raw.request_id == OK["metadata"]["request_id"]
    assert raw.deviations == []
    assert (await raw.parse()).data.id == OK["data"]["id"]
    assert isinstance(raw, clear_street.APIResponse)


# copy / with_options (test_copy, test_copy_default_options, test_copy_default_headers, test_copy_signature, ...)


@pytest.mark.parametrize("cls", [clear_street.ClearStreet, clear_street.AsyncClearStreet])
def test_copy_is_another_client_with_the_options_changed(cls: type) -> None:
    client = cls(api_key="My API Key", base_url=BASE_URL)
    assert client.copy() is not client
    assert client.copy(api_key="another key").api_key == "another key"
    assert client.api_key == "My API Key"
    seven = client.copy(max_retries=7)
    six = seven.copy(max_retries=6)
    assert (seven.max_retries, six.max_retries, client.max_retries) == (7, 6, 2)
    assert isinstance(client.timeout, httpx.Timeout)
    assert client.copy(timeout=None).timeout is None
    assert cls.copy is cls.with_options


def test_copy_without_a_timeout_sends_none(make_client) -> None:
    seen: list[httpx.Request] = []
    make_client(recording(seen)).copy(timeout=None).v1.orders.cancel_open_order("o", account_id=1)
    assert timeout_of(seen[0]) == httpx.Timeout(None)


def test_copy_merges_or_replaces_default_headers() -> None:
    client = clear_street.ClearStreet(api_key="k", base_url=BASE_URL, default_headers={"X-Foo": "bar"})
    assert client.default_headers["X-Foo"] == "bar"
    assert client.copy().default_headers["X-Foo"] == "bar"
    merged = client.copy(default_headers={"X-Bar": "stainless"}).default_headers
    assert (merged["X-Foo"], merged["X-Bar"]) == ("bar", "stainless")
    assert client.copy(default_headers={"X-Foo": "stainless"}).default_headers["X-Foo"] == "stainless"
    assert client.copy(set_default_headers={}).default_headers.get("X-Foo") is None
    assert client.copy(set_default_headers={"X-Bar": "Robert"}).default_headers["X-Bar"] == "Robert"
    with pytest.raises(
        ValueError, match="`default_headers` and `set_default_headers` arguments are mutually exclusive"
    ):
        client.copy(set_default_headers={}, default_headers={"X-Foo": "Bar"})
    assert "authorization" not in client.default_headers  # the key is in no public attribute but api_key


def test_copy_takes_every_constructor_option() -> None:
    for cls in (clear_street.ClearStreet, clear_street.AsyncClearStreet):
        copy_parameters = inspect.signature(cls.copy).parameters
        for name in inspect.signature(cls.__init__).parameters:
            assert name == "self" or name in copy_parameters, f"copy() lacks {name}"


def test_copies_are_freed(make_client) -> None:
    # test_copy_build_request (a leak check): a copy that made a request holds nothing once dropped.
    client = make_client(lambda request: httpx.Response(200, json=OK))
    copies = []
    for _ in range(20):
        copy = client.copy(max_retries=1)
        copy.v1.orders.cancel_open_order("o", account_id=1)
        copies.append(weakref.ref(copy))
    del copy
    gc.collect()
    assert all(ref() is None for ref in copies)


# Timeouts (test_request_timeout, test_client_timeout_option, test_http_client_timeout_option)


def test_request_timeout_default_and_per_call(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(recording(seen))
    client.v1.orders.cancel_open_order("o", account_id=1)
    client.v1.orders.cancel_open_order("o", account_id=1, timeout=httpx.Timeout(100.0))
    assert [timeout_of(request) for request in seen] == [clear_street.DEFAULT_TIMEOUT, httpx.Timeout(100.0)]
    assert httpx.Timeout(60.0, connect=5.0) == clear_street.DEFAULT_TIMEOUT


@pytest.mark.parametrize(
    ("given", "sent"),
    [(httpx.Timeout(0), httpx.Timeout(0)), (2.5, httpx.Timeout(2.5)), (None, httpx.Timeout(None))],
)
def test_client_timeout_option(make_client, given: Any, sent: httpx.Timeout) -> None:
    # A float is every phase's, connect included, as in httpx and the official SDK.
    seen: list[httpx.Request] = []
    make_client(recording(seen), timeout=given).v1.orders.cancel_open_order("o", account_id=1)
    assert timeout_of(seen[0]) == sent


@pytest.mark.parametrize(
    ("http_timeout", "sent"),
    [
        (None, httpx.Timeout(None)),
        (0.5, httpx.Timeout(0.5)),
        ("unset", clear_street.DEFAULT_TIMEOUT),
        (httpx.Timeout(5.0), clear_street.DEFAULT_TIMEOUT),
    ],
)
async def test_a_callers_client_timeout_applies_when_none_is_given(http_timeout: Any, sent: httpx.Timeout) -> None:
    seen: list[httpx.Request] = []
    options = {} if http_timeout == "unset" else {"timeout": http_timeout}
    transport = httpx.MockTransport(recording(seen))
    with httpx.Client(transport=transport, **options) as http:
        clear_street.ClearStreet(api_key="k", base_url=BASE_URL, http_client=http).v1.orders.cancel_open_order(
            "o", account_id=1)  # fmt: skip
    async with httpx.AsyncClient(transport=transport, **options) as http:
        client = clear_street.AsyncClearStreet(api_key="k", base_url=BASE_URL, http_client=http)
        await client.v1.orders.cancel_open_order("o", account_id=1)
        explicit = clear_street.AsyncClearStreet(api_key="k", base_url=BASE_URL, http_client=http, timeout=9)
        await explicit.v1.orders.cancel_open_order("o", account_id=1)  # ours, when given, wins
    assert [timeout_of(request) for request in seen] == [sent, sent, httpx.Timeout(9)]


@pytest.mark.parametrize("timeout", [float("inf"), 1e10, httpx.Timeout(5.0, read=float("inf")), -1.0, float("nan")])
def test_timeouts_that_would_overflow_are_refused_up_front(timeout: Any) -> None:
    with pytest.raises(ValueError, match="timeout"):
        clear_street.ClearStreet(api_key="k", timeout=timeout)
    with pytest.raises(ValueError, match="timeout"):
        clear_street.AsyncClearStreet(api_key="k").with_options(timeout=timeout)


def test_invalid_http_client() -> None:
    with pytest.raises(TypeError, match="http_client"):
        clear_street.ClearStreet(api_key="k", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="http_client"):
        clear_street.AsyncClearStreet(api_key="k", http_client=httpx.Client())  # type: ignore[arg-type]


# Headers and query (test_default_headers_option, test_validate_headers, test_request_extra_headers, ...)


def test_default_headers_are_sent_and_may_replace_ours(make_client) -> None:
    seen: list[httpx.Request] = []
    make_client(recording(seen), default_headers={"X-Foo": "bar"}).v1.orders.cancel_open_order("o", account_id=1)
    make_client(recording(seen), default_headers={"User-Agent": "desk/1"}).v1.orders.cancel_open_order(
        "o", account_id=1)  # fmt: skip
    assert seen[0].headers["x-foo"] == "bar"
    assert seen[0].headers["user-agent"].startswith("clear-street/")
    assert seen[1].headers.get_list("user-agent") == ["desk/1"]


def test_the_key_goes_as_a_bearer_token_and_a_missing_key_is_refused_at_construction(make_client) -> None:
    # Differs: the official SDK refuses at the first request (or sends none if Authorization is omitted).
    seen: list[httpx.Request] = []
    make_client(recording(seen), api_key="My API Key").v1.orders.cancel_open_order("o", account_id=1)
    assert seen[0].headers["authorization"] == "Bearer My API Key"
    with pytest.raises(clear_street.ClearStreetError, match="No API key"):
        clear_street.ClearStreet(base_url=BASE_URL, api_key=None)


def test_extra_headers_win_over_default_headers(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(recording(seen))
    client.v1.orders.cancel_open_order("o", account_id=1, extra_headers={"X-Foo": "Foo"})
    client.with_options(default_headers={"X-Bar": "true"}).v1.orders.cancel_open_order(
        "o", account_id=1, extra_headers={"X-Bar": "false"})  # fmt: skip
    assert seen[0].headers["x-foo"] == "Foo"
    assert seen[1].headers.get_list("x-bar") == ["false"]


def test_extra_query_is_added_to_the_filters_and_may_not_repeat_one(make_client) -> None:
    # Differs: a clash is refused (the official SDK lets extra_query win): a filter sent twice is ambiguous.
    seen: list[httpx.Request] = []
    client = make_client(recording(seen, lambda request: httpx.Response(200, json=ALL)))
    client.v1.orders.cancel_all_open_orders(1, extra_query={"my_query_param": "Foo"})
    client.v1.orders.cancel_all_open_orders(1, side="BUY", extra_query={"foo": "2"})
    assert [dict(request.url.params) for request in seen] == [{"my_query_param": "Foo"}, {"side": "BUY", "foo": "2"}]
    with pytest.raises(ValueError, match="side"):
        client.v1.orders.cancel_all_open_orders(1, side="BUY", extra_query={"side": "SELL"})
    assert len(seen) == 2


def test_no_default_query_and_no_extra_body() -> None:
    # Differs: no default_query (the request is exactly the spec's) and no extra_body on these body-less DELETEs.
    with pytest.raises(TypeError, match="default_query"):
        clear_street.ClearStreet(api_key="k", default_query={"foo": "bar"})  # type: ignore[call-arg]
    client = clear_street.ClearStreet(api_key="k", base_url=BASE_URL)
    with pytest.raises(TypeError, match="extra_body"):
        client.v1.orders.cancel_open_order("o", account_id=1, extra_body={"baz": False})  # type: ignore[call-arg]


def test_a_path_value_stays_in_its_segment_with_extra_query(make_client) -> None:
    # test_hardcoded_query_params_in_url and test_absolute_request_url: an order id is one escaped path segment,
    # so an id that looks like a URL or a query cannot send the request elsewhere.
    seen: list[httpx.Request] = []
    client = make_client(recording(seen))
    client.v1.orders.cancel_open_order("a/b?beta=true", account_id=1, extra_query={"limit": "10"})
    client.v1.orders.cancel_open_order("https://myapi.com/foo", account_id=1)
    assert seen[0].url.raw_path == b"/v1/accounts/1/orders/a%2Fb%3Fbeta%3Dtrue?limit=10"
    assert (seen[1].url.host, seen[1].url.raw_path) == (
        "api.test",
        b"/v1/accounts/1/orders/https%3A%2F%2Fmyapi.com%2Ffoo",
    )


# base_url (test_base_url_setter, test_base_url_env, test_base_url_trailing_slash, ..._no_trailing_slash)


def test_base_url_setter_takes_effect(make_client) -> None:
    seen: list[httpx.Request] = []
    client = make_client(recording(seen), base_url="https://example.com/from_init")
    assert client.base_url == "https://example.com/from_init/"
    client.base_url = "https://example.com/from_setter"  # type: ignore[assignment]
    assert client.base_url == "https://example.com/from_setter/"
    client.v1.orders.cancel_open_order("o", account_id=1)
    assert str(seen[0].url) == "https://example.com/from_setter/v1/accounts/1/orders/o"
    with pytest.raises(ValueError, match="base_url") as caught:
        client.base_url = "http://alice:hunter2@example.com"  # type: ignore[assignment]
    assert "hunter2" not in str(caught.value)
    assert client.base_url == "https://example.com/from_setter/"


def test_base_url_from_the_environment_and_the_ambiguity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEAR_STREET_BASE_URL", "http://localhost:5000/from/env")
    assert clear_street.ClearStreet(api_key="k").base_url == "http://localhost:5000/from/env/"
    with pytest.raises(ValueError, match=r"you must pass base_url=None"):
        clear_street.ClearStreet(api_key="k", environment="production")
    client = clear_street.AsyncClearStreet(api_key="k", base_url=None, environment="production")
    assert str(client.base_url).startswith("https://api.clearstreet.com")


@pytest.mark.parametrize("base_url", ["http://localhost:5000/custom/path/", "http://localhost:5000/custom/path"])
@pytest.mark.parametrize("own_pool", [True, False])
def test_base_url_with_or_without_a_trailing_slash(base_url: str, own_pool: bool) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(recording(seen))
    http = None if own_pool else httpx.Client(transport=transport)
    client = clear_street.ClearStreet(api_key="k", base_url=base_url, http_client=http)
    if own_pool:
        client._pool.http = httpx.Client(transport=transport)  # our pool, but on a mock transport
    client.v1.orders.cancel_open_order("o", account_id=1)
    assert str(seen[0].url) == "http://localhost:5000/custom/path/v1/accounts/1/orders/o"


@pytest.mark.parametrize(
    "base_url", ["http://alice:hunter2@example.com", "https://:hunter2@example.com", "http://alice@example.com"]
)
def test_a_base_url_with_user_info_is_refused_without_echoing_it(monkeypatch, base_url: str) -> None:
    # httpx would send it as Basic auth instead of the key, and every repr would show the password.
    with pytest.raises(ValueError, match="user name or password") as caught:
        clear_street.ClearStreet(api_key="k", base_url=base_url)
    assert "hunter2" not in str(caught.value)
    with pytest.raises(ValueError, match="user name or password"):
        clear_street.ClearStreet(api_key="k").with_options(base_url=base_url)
    monkeypatch.setenv("CLEAR_STREET_BASE_URL", base_url)
    with pytest.raises(ValueError, match="user name or password"):
        clear_street.AsyncClearStreet(api_key="k")
    with pytest.raises(ValueError, match="not a valid URL") as caught:
        clear_street.ClearStreet(api_key="k", base_url="http://alice:hunter2@[::1")
    assert "hunter2" not in str(caught.value)


# Closing (test_copied_client_does_not_close_http, test_client_context_manager)


def test_a_dropped_copy_leaves_the_client_open() -> None:
    client = clear_street.ClearStreet(api_key="k", base_url=BASE_URL)
    assert not client.is_closed()
    copy = client.copy()
    assert copy is not client
    del copy
    gc.collect()
    assert not client.is_closed()
    with client.copy() as copy:
        pass
    assert copy.is_closed()
    assert not client.is_closed()
    client.close()
    assert client.is_closed()


async def test_context_managers_close() -> None:
    with clear_street.ClearStreet(api_key="k", base_url=BASE_URL) as client:
        assert not client.is_closed()
    assert client.is_closed()
    async with clear_street.AsyncClearStreet(api_key="k", base_url=BASE_URL) as async_client:
        assert not async_client.is_closed()
    assert async_client.is_closed()
    with pytest.raises(clear_street.ClearStreetError, match="closed"):
        await async_client.v1.orders.cancel_open_order("o", account_id=1)


# Response validation (test_client_response_validation_error, test_received_text_for_expected_json)


def test_strict_validation_refuses_a_deviating_field(make_client) -> None:
    body = json.loads(json.dumps(OK))
    body["data"]["symbol"] = {"invalid": True}
    client = make_client(lambda request: httpx.Response(200, json=body), strict_response_validation=True)
    with pytest.raises(clear_street.APIResponseValidationError, match="symbol"):
        client.v1.orders.cancel_open_order("o", account_id=1)


@pytest.mark.parametrize("strict", [True, False])
def test_text_where_json_was_expected_is_an_error_in_both_modes(make_client, strict: bool) -> None:
    # Differs: the official SDK returns the text as a str when not strict; a str is not the envelope promised.
    client = make_client(
        lambda request: httpx.Response(200, text="my-custom-format"), strict_response_validation=strict
    )
    with pytest.raises(clear_street.APIResponseValidationError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.body == "my-custom-format"


@pytest.mark.parametrize("cls", [clear_street.ClearStreet, clear_street.AsyncClearStreet])
@pytest.mark.parametrize(("max_retries", "error"), [(None, TypeError), ("2", TypeError), (-1, ValueError)])
def test_max_retries_validation(cls: type, max_retries: Any, error: type) -> None:
    match = "max_retries cannot be None" if max_retries is None else "max_retries"
    with pytest.raises(error, match=match):
        cls(api_key="k", max_retries=max_retries)
    with pytest.raises(error, match=match):
        cls(api_key="k").with_options(max_retries=max_retries)


# Retry-After (test_parse_retry_after_header: the official table, with its clock)

NOW = 1696004797  # Fri, 29 Sep 2023 16:26:37 GMT


@pytest.mark.parametrize(
    ("attempt", "retry_after", "honoured"),
    [
        (0, "20", 20), (0, "0", None), (0, "-10", None), (0, "60", 60), (0, "61", None),
        (0, "Fri, 29 Sep 2023 16:26:57 GMT", 20), (0, "Fri, 29 Sep 2023 16:26:37 GMT", None),
        (0, "Fri, 29 Sep 2023 16:26:27 GMT", None), (0, "Fri, 29 Sep 2023 16:27:37 GMT", 60),
        (0, "Fri, 29 Sep 2023 16:27:38 GMT", None), (0, "99999999999999999999999999999999999", None),
        (0, "Zun, 29 Sep 2023 16:26:27 GMT", None), (0, "", None), (1, "", None), (2, "", None), (1103, "", None),
    ],
)  # fmt: skip
@mock.patch("time.time", mock.MagicMock(return_value=NOW))
def test_retry_after_header(attempt: int, retry_after: str, honoured: float | None) -> None:
    # A Retry-After above 0 and up to 60 s is waited; anything else falls back to the backoff, jitter included.
    delay = retry_delay(attempt, httpx.Response(429, headers={"retry-after": retry_after}))
    if honoured is not None:
        assert delay == honoured
    else:
        nominal = min(0.5 * 2.0 ** min(attempt, 16), 8.0)
        assert 0.75 * nominal <= delay <= nominal


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "soon", "retry-after": "3"}, 3.0),
        ({"retry-after-ms": "nan", "retry-after": "2"}, 2.0),
        ({"retry-after-ms": "1500", "retry-after": "3"}, 1.5),
    ],
)
def test_retry_after_headers_are_read_in_order(headers: dict[str, str], expected: float) -> None:
    assert retry_delay(0, httpx.Response(503, headers=headers)) == expected


def test_a_huge_max_retries_backs_off_without_overflow(make_client, sleeps) -> None:
    calls = 0

    def failing(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503 if calls <= 1100 else 200, json=OK)

    raw = make_client(failing, max_retries=10**6).v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    assert raw.retries_taken == 1100
    assert max(sleeps) <= 8.0


# x-should-retry (the official _should_retry)


@pytest.mark.parametrize(("status", "verdict", "attempts"), [(500, "false", 1), (400, "true", 3), (503, "", 3)])
def test_the_servers_x_should_retry_is_obeyed(make_client, sleeps, status: int, verdict: str, attempts: int) -> None:
    calls: list[httpx.Request] = []
    reply = httpx.Response(status, headers={"x-should-retry": verdict} if verdict else {})
    client = make_client(recording(calls, lambda request: reply))
    with pytest.raises(clear_street.APIStatusError):
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == attempts


# Retries (test_retries_taken, test_omit_/test_overwrite_retry_count_header, test_retrying_*_doesnt_leak)


@pytest.mark.parametrize("failures", [0, 2, 4])
@pytest.mark.parametrize("failure_mode", ["status", "exception", "any exception"])
async def test_retries_taken(make_client, make_async_client, sleeps, failures: int, failure_mode: str) -> None:
    # Differs: no x-stainless-retry-count header is sent; retries_taken says it.
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) % (failures + 1):
            if failure_mode == "exception":
                raise httpx.ConnectError("oops", request=request)
            if failure_mode == "any exception":  # the official SDK retries any exception of the transport
                raise RuntimeError("oops")
            return httpx.Response(500)
        return httpx.Response(200, json=OK)

    raw = make_client(handler, max_retries=4).v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    async_client = make_async_client(handler, max_retries=4)
    async_raw = await async_client.v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    assert (raw.retries_taken, async_raw.retries_taken) == (failures, failures)
    assert raw.http_request is seen[failures]
    await async_client.close()


def test_a_caller_set_retry_count_header_is_sent_as_given(make_client, sleeps) -> None:
    seen: list[httpx.Request] = []
    replies = iter([httpx.Response(500), httpx.Response(200, json=OK)])
    client = make_client(recording(seen, lambda request: next(replies)))
    client.v1.orders.cancel_open_order("o", account_id=1, extra_headers={"x-stainless-retry-count": "42"})
    assert [request.headers["x-stainless-retry-count"] for request in seen] == ["42", "42"]


def _requests_in_flight(http: httpx.Client | httpx.AsyncClient) -> int:
    pool = http._transport._pool  # type: ignore[union-attr]
    if isinstance(pool, FanOutPool):  # AsyncClearStreet's own: busy connections and requests waiting for one
        return len(pool._connections) - pool._idle_count + len(pool._waiters)
    return len(pool._requests)


def test_retried_timeouts_and_status_errors_leave_no_connection_in_use() -> None:
    with serving() as server, clear_street.ClearStreet(api_key="k", base_url=server.url, timeout=0.3,
                                                        max_retries=1) as client:  # fmt: skip
        with mock.patch("clear_street._transport.time.sleep"):
            with pytest.raises(clear_street.APITimeoutError):
                client.v1.orders.cancel_all_open_orders(NEVER_ANSWERS)
            assert _requests_in_flight(client._http) == 0
            with pytest.raises(clear_street.InternalServerError):
                client.v1.orders.cancel_all_open_orders(BUSY_TWICE)
            assert _requests_in_flight(client._http) == 0


async def test_async_retried_timeouts_leave_no_connection_in_use() -> None:
    with serving() as server:
        async with clear_street.AsyncClearStreet(
            api_key="k", base_url=server.url, timeout=0.3, max_retries=1
        ) as client:
            with pytest.raises(clear_street.APITimeoutError):
                await client.v1.orders.cancel_all_open_orders(NEVER_ANSWERS)
            assert _requests_in_flight(client._http) == 0


# httpx clients (test_proxy_environment_variables, test_default_client_creation)


def test_our_pool_honours_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "https://example.org")
    with clear_street.ClearStreet(api_key="k") as client:
        assert [pattern.pattern for pattern in client._http._mounts] == ["https://"]


def test_a_callers_client_with_its_own_settings_works() -> None:
    http = httpx.Client(verify=True, cert=None, trust_env=True, http1=True, http2=False,
                        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))  # fmt: skip
    with serving() as server, http, clear_street.ClearStreet(api_key="k", base_url=server.url, http_client=http) as c:
        assert c.v1.orders.cancel_open_order("o-1", account_id=1).data.id == "o-1"


# Redirects (test_follow_redirects, test_follow_redirects_disabled)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
async def test_a_redirect_is_an_error_never_followed(make_client, make_async_client, status: int) -> None:
    # Differs: the official SDK follows redirects; a redirected DELETE may become a GET whose 200 is no cancel.
    seen: list[httpx.Request] = []

    def redirect(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers={"Location": f"{BASE_URL}/redirected"})

    for client in (make_client(recording(seen, redirect)), make_async_client(recording(seen, redirect))):
        with pytest.raises(clear_street.APIStatusError) as caught:
            result = client.v1.orders.cancel_open_order("o", account_id=1)
            if asyncio.iscoroutine(result):
                await result
        assert caught.value.response.status_code == status
        assert caught.value.response.headers["Location"] == f"{BASE_URL}/redirected"
    assert [request.method for request in seen] == ["DELETE", "DELETE"]


# The cancel tests (tests/api_resources/v1/test_orders.py), loose and strict, against Prism serving our spec


@pytest.mark.parametrize("strict", [False, True], ids=["loose", "strict"])
async def test_cancel_methods_against_prism(prism: str, strict: bool) -> None:
    with clear_street.ClearStreet(api_key="My API Key", base_url=prism, strict_response_validation=strict) as client:
        every = client.v1.orders.cancel_all_open_orders(account_id=0)
        filtered = client.v1.orders.cancel_all_open_orders(
            account_id=0, instrument_ids=["x"], instrument_type="COMMON_STOCK", side="BUY", type="MARKET"
        )
        one = client.v1.orders.cancel_open_order(order_id="order_id", account_id=0)
        raw = client.v1.orders.with_raw_response.cancel_open_order(order_id="order_id", account_id=0)
        raw_all = client.v1.orders.with_raw_response.cancel_all_open_orders(account_id=0)
        for envelope in (every, filtered, raw_all.parse()):
            assert isinstance(envelope, clear_street.OrderCancelAllOpenOrdersResponse)
        assert isinstance(one, clear_street.OrderCancelOpenOrderResponse)
        assert isinstance(raw.parse(), clear_street.OrderCancelOpenOrderResponse)
        for response in (raw, raw_all):
            assert response.is_closed is True
            assert response.http_request.headers["authorization"] == "Bearer My API Key"
    async with clear_street.AsyncClearStreet(api_key="k", base_url=prism, strict_response_validation=strict) as aclient:
        assert isinstance(await aclient.v1.orders.cancel_all_open_orders(account_id=0, side="BUY"),
                          clear_street.OrderCancelAllOpenOrdersResponse)  # fmt: skip
        assert isinstance(await aclient.v1.orders.cancel_open_order(order_id="order_id", account_id=0),
                          clear_street.OrderCancelOpenOrderResponse)  # fmt: skip
        araw = await aclient.v1.orders.with_raw_response.cancel_open_order(order_id="order_id", account_id=0)
        assert isinstance(await araw.parse(), clear_street.OrderCancelOpenOrderResponse)
        assert araw.is_closed is True
        assert araw.http_request.method == "DELETE"


async def test_an_empty_order_id_is_refused_before_sending(make_client, make_async_client) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(ValueError, match="order_id"):
        make_client(recording(seen)).v1.orders.with_raw_response.cancel_open_order(order_id="", account_id=0)
    with pytest.raises(ValueError, match="order_id"):
        await make_async_client(recording(seen)).v1.orders.with_raw_response.cancel_open_order(
            order_id="", account_id=0
        )
    assert seen == []
