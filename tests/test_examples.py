"""Every example in the spec goes through the client: successes parse, errors raise their typed exception."""

from __future__ import annotations

import datetime

import clear_street
import httpx
import pytest
from conftest import example, spec_examples

CALLS = {
    "cancel_open_order": lambda client: client.v1.orders.cancel_open_order("d40a92e6", account_id=19816),
    "cancel_all_open_orders": lambda client: client.v1.orders.cancel_all_open_orders(19816),
}
ERRORS = {"403": clear_street.PermissionDeniedError, "404": clear_street.NotFoundError}


@pytest.mark.parametrize(("operation", "status", "value"), spec_examples())
def test_each_example_parses_or_raises_typed(make_client, operation: str, status: str, value: dict) -> None:
    client = make_client(lambda request: httpx.Response(int(status), json=value))
    if status == "200":
        response = CALLS[operation](client)
        assert response.error is None
        assert response.metadata.request_id == value["metadata"]["request_id"]
        return
    with pytest.raises(ERRORS[status]) as caught:
        CALLS[operation](client)
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
    assert [order.to_dict() for order in orders] == [
        {**raw, "created_at": orders[i].created_at.isoformat(), "updated_at": orders[i].updated_at.isoformat()}
        for i, raw in enumerate(value["data"])
    ]
