"""The policy for 2xx bodies: a structural break raises, a field-level deviation is returned and reported."""

from __future__ import annotations

import copy
import json
import logging

import clear_street
import httpx
import pytest
from conftest import example

ONE = example("cancel_open_order", "200")
ALL = example("cancel_all_open_orders", "200")


def replying(body: object):
    content = body if isinstance(body, bytes) else None
    return lambda request: httpx.Response(200, content=content, json=None if content is not None else body)


def deviating_book() -> dict:
    """Four orders; the fourth has a number for a string, a missing required field, a forbidden null and a bad
    timestamp, and the envelope's metadata lacks its request id."""
    body = copy.deepcopy(ALL)
    body["data"] = [copy.deepcopy(ALL["data"][i % 2]) for i in range(4)]
    body["data"][3].update(filled_quantity=5, side=None, updated_at="2025-10-31 14:15")
    del body["data"][3]["status"]
    body["metadata"] = {"trace": "t-1"}
    return body


DEVIATIONS = [
    ("data[3].filled_quantity", "expected a string, got 5"),
    ("data[3].side", "expected a string, got null"),
    ("data[3].status", "required field is missing"),
    ("data[3].updated_at", "expected an RFC 3339 date-time, got '2025-10-31 14:15'"),
    ("metadata.request_id", "required field is missing"),
]


def test_a_deviating_success_is_returned_as_sent_and_reported(make_client, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="clear_street")
    body = deviating_book()
    client = make_client(replying(body), default_headers={}, max_retries=0)
    raw = client.v1.orders.with_raw_response.cancel_all_open_orders(19816)
    envelope = raw.parse()
    raw.parse()
    assert [(d.path, str(d).split(": ", 1)[1]) for d in raw.deviations] == DEVIATIONS
    order = envelope.data[3]
    assert (order.filled_quantity, order.side, order.status) == (5, None, clear_street.UNSET)
    assert order.updated_at == "2025-10-31 14:15"
    assert envelope.data[0].status is clear_street.OrderStatus.PENDING_CANCEL
    assert envelope.to_dict() == body  # nothing lost
    warnings = [r.getMessage() for r in caplog.records if r.name == "clear_street"]
    first = "; ".join(f"{path}: {what}" for path, what in DEVIATIONS[:3])
    assert warnings == [f"Response deviates from the spec at 5 places: {first}; and 2 more (request_id None)"]
    assert all(r.levelno == logging.WARNING for r in caplog.records)


def test_one_deviation_is_logged_as_itself_with_the_request_id(make_client, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="clear_street")
    body = copy.deepcopy(ONE)
    body["data"]["account_id"] = "19816"
    response = make_client(replying(body)).v1.orders.cancel_open_order("o", account_id=1)
    assert response.data.account_id == "19816"
    (record,) = caplog.records
    assert record.getMessage() == (
        "Response deviates from the spec at data.account_id: expected an integer, got '19816' "
        f"(request_id {ONE['metadata']['request_id']})"
    )


def test_a_book_with_a_hundred_deviating_orders_logs_one_line_and_keeps_every_deviation(make_client, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="clear_street")
    body = copy.deepcopy(ALL)
    body["data"] = [dict(copy.deepcopy(ALL["data"][i % 2]), filled_quantity=i) for i in range(250)]
    for order in body["data"][1::2]:
        order["filled_quantity"] = str(order["filled_quantity"])  # half conform
    raw = make_client(replying(body)).v1.orders.with_raw_response.cancel_all_open_orders(1)
    envelope = raw.parse()
    paths = [f"data[{i}].filled_quantity" for i in range(0, 250, 2)]
    assert [d.path for d in raw.deviations] == paths
    assert [order.filled_quantity for order in envelope.data] == [o["filled_quantity"] for o in body["data"]]
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "Response deviates from the spec at 125 places: data[0].filled_quantity: expected a string, got 0; "
        "data[2].filled_quantity: expected a string, got 2; data[4].filled_quantity: expected a string, got 4; "
        f"and 122 more (request_id {ALL['metadata']['request_id']})"
    )


@pytest.mark.parametrize("digits", [100, 5000])
def test_a_giant_integer_where_an_object_belongs_is_a_typed_error(make_client, digits: int) -> None:
    with pytest.raises(clear_street.APIResponseValidationError, match="expected an object, got int"):
        make_client(replying(b"7" * digits)).v1.orders.cancel_all_open_orders(1)
    body = json.dumps({**ALL, "data": [dict(ALL["data"][0], filled_quantity="@@")]}).replace('"@@"', "7" * digits)
    raw = make_client(replying(body.encode())).v1.orders.with_raw_response.cancel_all_open_orders(1)
    assert [str(d) for d in raw.deviations] == ["data[0].filled_quantity: expected a string, got int"]


def test_a_conforming_body_reports_nothing(make_client, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="clear_street")
    raw = make_client(replying(ALL)).v1.orders.with_raw_response.cancel_all_open_orders(1)
    assert raw.deviations == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_strict_mode_raises_naming_every_deviating_path(make_client) -> None:
    for client in (make_client(replying(deviating_book()), strict_response_validation=True),
                   make_client(replying(deviating_book())).with_options(strict_response_validation=True)):  # fmt: skip
        with pytest.raises(clear_street.APIResponseValidationError) as caught:
            client.v1.orders.cancel_all_open_orders(19816)
        error = caught.value
        assert error.status_code == 200
        assert error.body == deviating_book()
        assert "the cancel may have taken effect" in str(error)
        for path, _ in DEVIATIONS:
            assert path in str(error)
    raw = client.v1.orders.with_raw_response.cancel_all_open_orders(19816)
    messages = []
    for _ in range(2):  # asked twice, it names each path once
        with pytest.raises(clear_street.APIResponseValidationError) as caught:
            raw.parse()
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert messages[1].count("data[3].filled_quantity") == 1
    lenient = client.with_options(strict_response_validation=False)
    assert lenient.v1.orders.cancel_all_open_orders(19816).data[3].filled_quantity == 5


def test_strict_mode_is_checked_like_the_other_options() -> None:
    with pytest.raises(TypeError, match="strict_response_validation"):
        clear_street.ClearStreet(api_key="k", strict_response_validation="yes")  # type: ignore[arg-type]


STRUCTURAL = [
    ("cancel_open_order", b"<html>502 Bad Gateway</html>", "not valid JSON"),
    ("cancel_open_order", b'{"data": {"id": "x"', "not valid JSON"),
    ("cancel_open_order", [ONE], "an object"),
    ("cancel_open_order", {"metadata": ONE["metadata"]}, "data: required field is missing"),
    ("cancel_open_order", {**ONE, "data": [ONE["data"]]}, "data: expected an object"),
    ("cancel_all_open_orders", {**ALL, "data": ALL["data"][0]}, "data: expected an array"),
    ("cancel_all_open_orders", {**ALL, "data": [ALL["data"][0], "order-2"]}, "data[]: expected an object"),
    ("cancel_all_open_orders", {**ALL, "data": None}, "data: expected an array"),
]


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(("operation", "body", "problem"), STRUCTURAL)
def test_a_structural_break_raises_saying_the_cancel_may_have_happened(
    make_client, strict: bool, operation: str, body: object, problem: str
) -> None:
    client = make_client(replying(body), strict_response_validation=strict)
    call = getattr(client.v1.orders, operation)
    with pytest.raises(clear_street.APIResponseValidationError) as caught:
        call("o", account_id=1) if operation == "cancel_open_order" else call(1)
    error = caught.value
    assert error.status_code == 200
    assert str(error).startswith("The server answered 200, so the cancel may have taken effect, but its body")
    assert problem in str(error)
    assert error.body == (body.decode() if isinstance(body, bytes) else body)
    if isinstance(body, dict):
        assert error.request_id == body["metadata"]["request_id"]


async def test_async_calls_follow_the_same_policy(make_async_client, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="clear_street")
    async with make_async_client(replying(deviating_book())) as client:
        raw = await client.v1.orders.with_raw_response.cancel_all_open_orders(1)
        assert [d.path for d in raw.deviations] == [path for path, _ in DEVIATIONS]
        assert len(caplog.records) == 1  # one summary line
        with pytest.raises(clear_street.APIResponseValidationError, match=r"data\[3\]\.filled_quantity"):
            await client.with_options(strict_response_validation=True).v1.orders.cancel_all_open_orders(1)
