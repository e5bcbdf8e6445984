"""Every example in the spec goes through the client: successes parse, errors raise their typed exception."""

from __future__ import annotations

import datetime

import clear_street
import httpx
import pytest
from conftest import example, spec_examples

CALLS = {
    "cancel_open_order": lambda orders: orders.cancel_open_order("d40a92e6", account_id=19816),
    "cancel_all_open_orders": lambda orders: orders.cancel_all_open_orders(19816),
}
ERRORS = {"403": clear_street.PermissionDeniedError, "404": clear_street.NotFoundError}


@pytest.mark.parametrize(("operation", "status", "value"), spec_examples())
def test_each_example_parses_or_raises_typed(make_client, operation: str, status: str, value: dict) -> None:
    client = make_client(lambda request: httpx.Response(int(status), json=value))
    if status == "200":
        raw = CALLS[operation](client.v1.orders.with_raw_response)
        assert raw.deviations == []
        assert raw.parse().to_dict() == value
        assert raw.parse().metadata.request_id == value["metadata"]["request_id"]
        return
    with pytest.raises(ERRORS[status]) as caught:
        CALLS[operation](client.v1.orders)
    assert caught.value.message == value["error"]["message"]
    assert caught.value.code == value["error"]["code"]
    assert caught.value.request_id == value["metadata"]["request_id"]
    assert str(caught.value) == (
        f"Error code: {status} - {value['error']['message']} (request_id: {value['metadata']['request_id']})"
    )


def test_cancel_open_order_example_fields(make_client) -> None:
    client = make_client(lambda request: httpx.Response(200, json=example("cancel_open_order", "200")))
    order = client.v1.orders.cancel_open_order("d40a92e6", account_id=19816).data
    assert order.status is clear_street.OrderStatus.PENDING_CANCEL
    assert order.instrument_type == "COMMON_STOCK"
    assert order.created_at == datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)
    assert order.stop_price is None
    assert order.trailing_offset is clear_street.UNSET  # absent, which is not the same as null
    assert order.venue == "XNAS"


def test_cancel_all_example_without_client_order_id_and_venue(make_client) -> None:
    value = example("cancel_all_open_orders", "200")
    client = make_client(lambda request: httpx.Response(200, json=value))
    orders = client.v1.orders.cancel_all_open_orders(19816).data
    assert [order.symbol for order in orders] == ["AAPL", "MSFT"]
    assert orders[0].client_order_id is clear_street.UNSET
    assert orders[1].average_fill_price is None
    assert [order.to_dict() for order in orders] == value["data"]


def test_multi_leg_order_and_error_beside_data(make_client) -> None:
    multi_leg = next(v for op, code, v in spec_examples() if op == "cancel_all_open_orders" and "symbol" in
                     v["data"][0] and v["data"][0]["symbol"] is None)  # fmt: skip
    order = make_client(lambda r: httpx.Response(200, json=multi_leg)).v1.orders.cancel_all_open_orders(1).data[0]
    assert (order.symbol, order.instrument_id, order.instrument_type) == (None, None, None)
    assert order.created_at.nanosecond == 1
    beside = next(v for op, code, v in spec_examples() if op == "cancel_open_order" and code == "200" and v["error"])
    response = make_client(lambda r: httpx.Response(200, json=beside)).v1.orders.cancel_open_order("o", account_id=1)
    assert isinstance(response.error, clear_street.ApiError)
    assert response.error.message == beside["error"]["message"]
    assert response.error.details[0].additional_properties == {"venue": "XNAS", "state": "pending"}
    assert response.data.status is clear_street.OrderStatus.PENDING_CANCEL
