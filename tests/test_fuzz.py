"""Property: whatever the server sends, a call returns its envelope or raises a ``clear_street.APIError``, in both
the default and the strict response mode; a 2xx ends as an envelope or an ``APIResponseValidationError``."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from unittest import mock

import anyio
import clear_street
import httpx
from conftest import BASE_URL, example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ORDER = example("cancel_open_order", "200")["data"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
enum_like = st.sampled_from(["BUY", "COMMON_STOCK", "LIMIT", "DAY", "PENDING_CANCEL", "RELEASED", "BPS"]) | st.text(
    max_size=12
)
timestamps = st.sampled_from(["2025-10-31T13:30:00.000000000Z", "2025-10-31T13:30:00+05:30"]) | st.text(max_size=35)


@st.composite
def orders(draw: st.DrawFn) -> dict:
    order = {key: value for key, value in ORDER.items() if not draw(st.booleans()) or draw(st.booleans())}
    for key in draw(st.lists(st.sampled_from([*sorted(ORDER), "queue_state", "expires_at", "details", "extra"]))):
        order[key] = draw(enum_like | timestamps | json_values)
    return order


@st.composite
def envelopes(draw: st.DrawFn) -> dict:
    data = draw(orders() | st.lists(orders(), max_size=3) | json_values)
    envelope = {"data": data, "error": draw(st.none() | json_values), "metadata": {"request_id": draw(st.text())}}
    if draw(st.booleans()):
        envelope = {"error": {"code": draw(json_values), "message": draw(json_values)}, "metadata": draw(json_values)}
    return {k: v for k, v in envelope.items() if draw(st.integers(0, 9))}


bodies = (
    st.binary(max_size=200)
    | json_values.map(lambda value: json.dumps(value).encode())
    | envelopes().map(lambda value: json.dumps(value).encode())
)
statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503]) | st.integers(
    200, 599
)
headers = st.dictionaries(
    st.sampled_from(["retry-after", "retry-after-ms", "content-type", "x-request-id", "content-encoding"]),
    st.sampled_from(["0", "1", "-3", "nan", "inf", "1e308", "Wed, 21 Oct 2015 07:28:00 GMT", "gzip", "text/html",
                     "application/json; charset=bogus"]) | st.text(st.characters(min_codepoint=32, max_codepoint=126)),
)  # fmt: skip
exchanges = st.lists(st.tuples(statuses, headers, bodies), min_size=1, max_size=3)


def handler_for(replies: list[tuple[int, dict, bytes]]):
    queue = list(replies)

    def handler(request: httpx.Request) -> httpx.Response:
        status, reply_headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
        return httpx.Response(status, headers=reply_headers, content=body)

    return handler


async def no_sleep(delay: float) -> None:
    assert delay >= 0


def calls(orders_resource) -> list:
    return [
        lambda: orders_resource.cancel_open_order("o-1", account_id=1),
        lambda: orders_resource.cancel_all_open_orders(1, side="BUY"),
    ]


RESULTS = [clear_street.OrderCancelOpenOrderResponse, clear_street.OrderCancelAllOpenOrdersResponse]


def check(result: object, error: clear_street.APIError | None, call_index: int) -> None:
    if error is None:
        assert type(result) is RESULTS[call_index]
    elif isinstance(error, clear_street.APIStatusError):
        assert not 200 <= error.status_code < 300
    elif not isinstance(error, clear_street.APIConnectionError):
        assert isinstance(error, clear_street.APIResponseValidationError)
        assert 200 <= error.status_code < 300


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exchanges)
def test_sync_only_api_errors_escape(replies: list[tuple[int, dict, bytes]]) -> None:
    with mock.patch.object(clear_street._transport.time, "sleep", lambda delay: None):
        for call_index, strict in itertools.product(range(2), (False, True)):
            http = httpx.Client(transport=httpx.MockTransport(handler_for(replies)))
            client = clear_street.ClearStreet(
                api_key="k", base_url=BASE_URL, http_client=http, max_retries=2, strict_response_validation=strict
            )
            result, error = None, None
            try:
                result = calls(client.v1.orders)[call_index]()
            except clear_street.APIError as exc:
                error = exc
            finally:
                client.close()
            check(result, error, call_index)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exchanges)
def test_async_only_api_errors_escape(replies: list[tuple[int, dict, bytes]]) -> None:
    async def run() -> None:
        for call_index, strict in itertools.product(range(2), (False, True)):
            http = httpx.AsyncClient(transport=httpx.MockTransport(handler_for(replies)))
            client = clear_street.AsyncClearStreet(
                api_key="k", base_url=BASE_URL, http_client=http, max_retries=2, strict_response_validation=strict
            )
            result, error = None, None
            try:
                result = await calls(client.v1.orders)[call_index]()
            except clear_street.APIError as exc:
                error = exc
            finally:
                await client.close()
            check(result, error, call_index)

    with mock.patch.object(anyio, "sleep", no_sleep):
        asyncio.run(run())


@given(st.text(max_size=40) | st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9:.,]{0,20}[Zz+\-0-9:]{0,7}\Z"))
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_date_and_time_parsers_raise_only_value_error(text: str) -> None:
    """Whatever a server writes where the spec has a date or date-time: a value or a ValueError (which the model
    reports as a deviation), never an IndexError or anything else."""
    from clear_street._generated import types

    for parse in (types.parse_datetime, types.parse_date, types.parse_uuid):
        with contextlib.suppress(ValueError):
            parse(text)
