"""Retries: which failures, how long between, Retry-After, limits; the last attempt's typed error when spent."""

from __future__ import annotations

import email.utils
import time

import clear_street
import httpx
import pytest
from clear_street._transport import MAX_RETRY_DELAY, retry_delay
from conftest import example

OK = example("cancel_open_order", "200")


def failing_then_ok(failures: list[httpx.Response | type[Exception]], calls: list[httpx.Request]):
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) <= len(failures):
            failure = failures[len(calls) - 1]
            if isinstance(failure, httpx.Response):
                return failure
            raise failure("injected", request=request)
        return httpx.Response(200, json=OK)

    return handler


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(make_client, sleeps, status: int) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(status), httpx.Response(status)], calls))
    assert client.v1.orders.cancel_open_order("o", account_id=1).data.symbol == "TSLA"
    assert len(calls) == 3
    assert len(sleeps) == 2


@pytest.mark.parametrize("exception", [httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError,
                                       httpx.ReadTimeout, httpx.ConnectTimeout, httpx.PoolTimeout])  # fmt: skip
def test_connection_failures_and_timeouts_are_retried(make_client, sleeps, exception: type[Exception]) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([exception], calls))
    client.v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_client_errors_are_never_retried(make_client, sleeps, status: int) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(status)] * 5, calls), max_retries=5)
    with pytest.raises(clear_street.APIStatusError):
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == 1
    assert sleeps == []


def test_invalid_success_body_is_not_retried(make_client, sleeps) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(200, text="<html>")] * 3, calls))
    with pytest.raises(clear_street.APIResponseValidationError):
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == 1


def test_when_retries_run_out_the_last_attempts_error_is_raised(make_client, sleeps) -> None:
    calls: list[httpx.Request] = []
    failures = [
        httpx.Response(503, json={"error": {"code": 503, "message": "first"}}),
        httpx.Response(429, json={"error": {"code": 429, "message": "last"}, "metadata": {"request_id": "r-3"}}),
    ]
    client = make_client(failing_then_ok(failures, calls), max_retries=1)
    with pytest.raises(clear_street.RateLimitError) as caught:
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert (caught.value.message, caught.value.request_id) == ("last", "r-3")
    assert len(calls) == 2


def test_max_retries_per_client_and_per_call(make_client, sleeps) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(500)] * 10, calls), max_retries=3)
    with pytest.raises(clear_street.InternalServerError):
        client.v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == 4
    calls.clear()
    with pytest.raises(clear_street.InternalServerError):
        client.with_options(max_retries=0).v1.orders.cancel_open_order("o", account_id=1)
    assert len(calls) == 1


def test_backoff_grows_from_half_a_second_with_jitter_and_a_cap(make_client, sleeps) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(500)] * 7, calls), max_retries=7)
    client.v1.orders.cancel_open_order("o", account_id=1)
    for attempt, delay in enumerate(sleeps):
        nominal = min(0.5 * 2**attempt, MAX_RETRY_DELAY)
        assert 0.75 * nominal <= delay <= nominal
    assert max(sleeps) <= MAX_RETRY_DELAY
    assert len({round(d, 6) for d in sleeps}) == len(sleeps)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
    ],
)
def test_retry_after_is_honoured(make_client, sleeps, headers: dict, expected: float) -> None:
    calls: list[httpx.Request] = []
    client = make_client(failing_then_ok([httpx.Response(429, headers=headers)], calls))
    client.v1.orders.cancel_open_order("o", account_id=1)
    assert sleeps == [expected]


def test_retry_after_as_an_http_date() -> None:
    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    assert 3.5 <= retry_delay(0, httpx.Response(503, headers={"retry-after": when})) <= 5.0


@pytest.mark.parametrize("value", ["3600", "0", "-1", "soon", "nan", "inf", "Mon, 99 Foo 2025 00:00:00 GMT"])
def test_unusable_retry_after_falls_back_to_backoff(value: str) -> None:
    delay = retry_delay(0, httpx.Response(503, headers={"retry-after": value}))
    assert 0.375 <= delay <= 0.5


async def test_async_retries_and_retry_after(make_async_client, sleeps) -> None:
    calls: list[httpx.Request] = []
    failures = [httpx.Response(503, headers={"retry-after": "2"}), httpx.ConnectError]
    client = make_async_client(failing_then_ok(failures, calls))
    response = await client.v1.orders.cancel_open_order("o", account_id=1)
    assert response.data.symbol == "TSLA"
    assert len(calls) == 3
    assert sleeps[0] == 2.0
    assert 0.75 <= sleeps[1] <= 1.0
    await client.close()


async def test_async_gives_up_with_the_typed_error(make_async_client, sleeps) -> None:
    client = make_async_client(lambda request: httpx.Response(404, json=example("cancel_open_order", "404")))
    with pytest.raises(clear_street.NotFoundError) as caught:
        await client.v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.request_id == "70151ee4-5209-4c75-9372-dffc0a6ebade"
    assert sleeps == []
    await client.close()
