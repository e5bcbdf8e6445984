"""Wrong arguments are refused before anything is sent; what is sent is encoded so it cannot escape its place."""

from __future__ import annotations

import enum
import re

import clear_street
import httpx
import pytest
from conftest import example, load_spec


def one_of(schema: str) -> str:
    """The refusal's list of a spec enum's values, read from the spec (which may grow), as a pattern."""
    return re.escape("must be one of " + ", ".join(sorted(load_spec()["components"]["schemas"][schema]["enum"])))


@pytest.fixture
def sent(make_client):
    """A client that records every request it sends and answers with the documented examples."""
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        segments = request.url.raw_path.split(b"?")[0].count(b"/")
        operation = "cancel_all_open_orders" if segments == 4 else "cancel_open_order"
        return httpx.Response(200, json=example(operation, "200"))

    return make_client(handler), requests


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"account_id": True}, TypeError, "account_id must be an int"),
        ({"account_id": "1"}, TypeError, "account_id must be an int"),
        ({"account_id": 1.0}, TypeError, "account_id must be an int"),
        ({"account_id": -1}, ValueError, "non-negative"),
        ({"account_id": 2**63}, ValueError, "64-bit"),
        ({"account_id": 1, "instrument_ids": "abc"}, TypeError, "instrument_ids must be a list"),
        ({"account_id": 1, "instrument_ids": []}, ValueError, "must not be empty"),
        ({"account_id": 1, "instrument_ids": ["a,b"]}, ValueError, "without commas"),
        ({"account_id": 1, "instrument_ids": [""]}, ValueError, "non-empty"),
        ({"account_id": 1, "instrument_ids": [7]}, TypeError, r"instrument_ids\[\] must be a str"),
        ({"account_id": 1, "side": "buy"}, ValueError, "side " + one_of("Side")),
        ({"account_id": 1, "side": clear_street.OrderType.LIMIT}, ValueError, "side must be one of"),
        ({"account_id": 1, "type": "FOK"}, ValueError, "type " + one_of("OrderType")),
        ({"account_id": 1, "instrument_type": "CRYPTO"}, ValueError, "instrument_type " + one_of("SecurityType")),
        ({"account_id": 1, "instrument_type": clear_street.SecurityType("CRYPTO")}, ValueError, "instrument_type"),
    ],
)
def test_cancel_all_refuses_bad_arguments_before_sending(sent, kwargs: dict, error: type, match: str) -> None:
    client, requests = sent
    with pytest.raises(error, match=match):
        client.v1.orders.cancel_all_open_orders(**kwargs)
    assert requests == []


@pytest.mark.parametrize(
    ("order_id", "account_id", "error"),
    [("", 1, ValueError), (".", 1, ValueError), ("..", 1, ValueError), (None, 1, TypeError), (5, 1, TypeError),
     ("o-1", -5, ValueError), ("o-1", False, TypeError)],
)  # fmt: skip
def test_cancel_one_refuses_bad_arguments_before_sending(sent, order_id, account_id, error: type) -> None:
    client, requests = sent
    with pytest.raises(error):
        client.v1.orders.cancel_open_order(order_id, account_id=account_id)
    assert requests == []


@pytest.mark.parametrize(
    ("order_id", "path"),
    [
        ("d40a92e6-381f-4803-b292-56d350d9d54a", "/v1/accounts/7/orders/d40a92e6-381f-4803-b292-56d350d9d54a"),
        ("../../orders", "/v1/accounts/7/orders/..%2F..%2Forders"),
        ("my ref/1?x=#y", "/v1/accounts/7/orders/my%20ref%2F1%3Fx%3D%23y"),
        ("%2e%2e", "/v1/accounts/7/orders/%252e%252e"),
    ],
)
def test_order_id_stays_in_its_path_segment(sent, order_id: str, path: str) -> None:
    client, requests = sent
    client.v1.orders.cancel_open_order(order_id, account_id=7)
    assert requests[0].url.raw_path.decode() == path


def test_filters_accept_strings_and_members_and_join_ids_with_literal_commas(sent) -> None:
    client, requests = sent
    client.v1.orders.cancel_all_open_orders(
        7,
        instrument_ids=("a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8", "id with space"),
        instrument_type=clear_street.SecurityType.OPTION,
        side="SELL_SHORT",
        type="STOP_LIMIT",
    )
    assert requests[0].method == "DELETE"
    assert requests[0].url.raw_path.decode() == (
        "/v1/accounts/7/orders?instrument_ids=a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8,id%20with%20space"
        "&instrument_type=OPTION&side=SELL_SHORT&type=STOP_LIMIT"
    )


def test_no_filters_sends_no_query(sent) -> None:
    client, requests = sent
    client.v1.orders.cancel_all_open_orders(7)
    assert requests[0].url.raw_path == b"/v1/accounts/7/orders"


def test_path_values_go_out_by_value_not_by_repr(sent) -> None:
    """An IntEnum account id is its number, a str enum order id its value (int(x), not repr(x))."""

    class Account(enum.IntEnum):
        MAIN = 19816

    class Ref(enum.StrEnum):
        DESK = "desk-1"

    client, requests = sent
    client.v1.orders.cancel_all_open_orders(Account.MAIN)
    client.v1.orders.cancel_open_order(Ref.DESK, account_id=Account.MAIN)
    assert [request.url.raw_path for request in requests] == [b"/v1/accounts/19816/orders",
                                                              b"/v1/accounts/19816/orders/desk-1"]  # fmt: skip


@pytest.mark.parametrize("ids", ["AAPL", b"AAPL"])
def test_a_bare_str_for_a_list_is_refused(sent, ids: object) -> None:
    client, requests = sent
    with pytest.raises(TypeError, match="instrument_ids must be a list"):
        client.v1.orders.cancel_all_open_orders(7, instrument_ids=ids)  # type: ignore[arg-type]
    assert requests == []
