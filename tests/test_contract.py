"""Contract tests: clear_street against Prism serving spec/openapi.yaml, which validates every request."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator

import clear_street
import httpx
import pytest
from conftest import REFERENCE, example, prism_server

FILTERS = {
    "instrument_ids": [["a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8"], ["a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8", "x-2"]],
    "instrument_type": ["COMMON_STOCK", "PREFERRED_STOCK", clear_street.SecurityType.OTHER],
    "side": ["BUY", clear_street.Side.SELL_SHORT],
    "type": ["TRAILING_STOP_LIMIT", clear_street.OrderType.MARKET],
}


@pytest.fixture
def client(prism: str):
    with clear_street.ClearStreet(api_key="contract-key", base_url=prism, max_retries=0) as client:
        yield client


def test_prism_rejects_what_the_spec_forbids(prism: str) -> None:
    """The contract tests below mean something only if Prism refuses requests that break the spec."""
    headers = {"Authorization": "Bearer k"}
    assert httpx.delete(f"{prism}/v1/accounts/1/orders?side=buy", headers=headers).status_code in (400, 422)
    assert httpx.delete(f"{prism}/v1/accounts/x/orders", headers=headers).status_code in (400, 422)
    assert httpx.delete(f"{prism}/v1/accounts/1/orders").status_code == 401


def test_cancel_open_order(client: clear_street.ClearStreet) -> None:
    response = client.v1.orders.cancel_open_order("my-ref-id-20251001-001", account_id=19816)
    assert response.to_dict() == example("cancel_open_order", "200")  # exactly what the server sent


def test_cancel_all_without_filters(client: clear_street.ClearStreet) -> None:
    response = client.v1.orders.cancel_all_open_orders(19816)
    assert [order.symbol for order in response.data] == ["AAPL", "MSFT"]
    assert response.metadata.request_id == "fb1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"


@pytest.mark.parametrize(
    "filters",
    [{name: values[0]} for name, values in FILTERS.items()]
    + [{name: values[-1]} for name, values in FILTERS.items()]
    + [dict(zip(FILTERS, combination, strict=True)) for combination in itertools.islice(
        itertools.product(*FILTERS.values()), 0, None, 5)],
)  # fmt: skip
def test_cancel_all_with_filters(client: clear_street.ClearStreet, filters: dict) -> None:
    raw = client.v1.orders.with_raw_response.cancel_all_open_orders(19816, **filters)
    assert raw.status_code == 200
    assert len(raw.parse().data) == 2


@pytest.mark.parametrize(
    ("operation", "status", "error_type"),
    [
        ("cancel_open_order", "403", clear_street.PermissionDeniedError),
        ("cancel_open_order", "404", clear_street.NotFoundError),
        ("cancel_all_open_orders", "403", clear_street.PermissionDeniedError),
        ("cancel_all_open_orders", "404", clear_street.NotFoundError),
    ],
)
def test_documented_errors_come_back_typed(client, operation: str, status: str, error_type: type) -> None:
    asking = client.with_options(default_headers={"Prefer": f"code={status}"})
    with pytest.raises(error_type) as caught:
        if operation == "cancel_open_order":
            asking.v1.orders.cancel_open_order("d40a92e6-381f-4803-b292-56d350d9d54a", account_id=100001)
        else:
            asking.v1.orders.cancel_all_open_orders(100001, side="SELL")
    documented = example(operation, status)
    assert caught.value.message == documented["error"]["message"]
    assert caught.value.request_id == documented["metadata"]["request_id"]


async def test_async_client_against_prism(prism: str) -> None:
    async with clear_street.AsyncClearStreet(api_key="k", base_url=prism) as client:
        one = await client.v1.orders.cancel_open_order("o-1", account_id=1)
        every = await client.v1.orders.cancel_all_open_orders(1, instrument_ids=["a", "b"], type="LIMIT")
    assert one.data.symbol == "TSLA"
    assert len(every.data) == 2


@pytest.mark.parametrize("page", ["cancel-open-order.txt", "cancel-all-open-orders.txt"])
def test_usage_snippet_on_the_reference_page_runs_as_written(prism: str, page: str) -> None:
    """The page's Python snippet, its import line naming clear_street, runs and prints the response."""
    text = (REFERENCE / page).read_text()
    snippet = re.search(r"^from clear_?street import ClearStreet\n.*?^print\(response\)$", text, re.S | re.M)
    assert snippet, "the page's usage snippet"
    code = snippet.group(0).replace("from clearstreet import", "from clear_street import")
    env = {"CLEAR_STREET_BASE_URL": prism, "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "request_id='" in result.stdout
    assert "PENDING_CANCEL" in result.stdout


@pytest.fixture(scope="module")
def dynamic_prism() -> Iterator[str]:
    with prism_server.running(dynamic=True) as url:
        yield url


def test_prism_dynamic_bodies_parse_without_deviation(dynamic_prism: str, caplog) -> None:
    """Prism invents bodies from the spec's schemas: each is an envelope, with nothing reported and nothing lost."""
    caplog.set_level(logging.WARNING, logger="clear_street")
    seen = 0

    def check(raw: clear_street.APIResponse, model: type) -> None:
        nonlocal seen
        parsed = clear_street.APIResponse.parse(raw)  # parsed in the call already, async raw responses too
        assert isinstance(parsed, model)
        assert raw.deviations == []
        assert parsed.to_dict() == json.loads(raw.http_response.content)
        seen += 1

    with clear_street.ClearStreet(api_key="k", base_url=dynamic_prism, max_retries=0) as client:
        orders = client.v1.orders.with_raw_response
        for i in range(60):
            check(orders.cancel_open_order(f"o-{i}", account_id=i), clear_street.OrderCancelOpenOrderResponse)
            check(orders.cancel_all_open_orders(i, side="BUY"), clear_street.OrderCancelAllOpenOrdersResponse)

    async def run_async() -> None:
        async with clear_street.AsyncClearStreet(api_key="k", base_url=dynamic_prism, max_retries=0) as client:
            orders = client.v1.orders.with_raw_response
            singles = await asyncio.gather(*(orders.cancel_open_order(f"o-{i}", account_id=i) for i in range(50)))
            bulks = await asyncio.gather(*(orders.cancel_all_open_orders(i, type="LIMIT") for i in range(50)))
            for raw in (*singles, *bulks):
                await raw.parse()
        for raw in singles:
            check(raw, clear_street.OrderCancelOpenOrderResponse)
        for raw in bulks:
            check(raw, clear_street.OrderCancelAllOpenOrdersResponse)

    asyncio.run(run_async())
    assert seen == 220
    assert caplog.records == []


@pytest.mark.parametrize(("example_name", "check"), [
    ("multi_leg_order", lambda r: {r.data[0].symbol, r.data[0].instrument_id, r.data[0].instrument_type} == {None}),
    ("error_beside_data", lambda r: r.error.code == 202 and r.data.status == "PENDING_CANCEL"),
])  # fmt: skip
def test_the_published_documents_shapes_through_prism(client, example_name: str, check) -> None:
    asking = client.with_options(default_headers={"Prefer": f"example={example_name}"})
    if example_name == "multi_leg_order":
        raw = asking.v1.orders.with_raw_response.cancel_all_open_orders(19816)
    else:
        raw = asking.v1.orders.with_raw_response.cancel_open_order("o-1", account_id=19816)
    assert raw.deviations == []
    assert check(raw.parse())
    assert raw.parse().to_dict() == json.loads(raw.http_response.content)
