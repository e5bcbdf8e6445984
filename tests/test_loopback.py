"""End to end over real sockets on 127.0.0.1: sequential and concurrent calls, pool sharing, faults."""

from __future__ import annotations

import asyncio

import clear_street
import httpx
import pytest
from loopback import serving


def test_sync_calls_over_loopback_match_their_requests() -> None:
    with serving() as server, clear_street.ClearStreet(api_key="k", base_url=server.url) as client:
        for i in range(200):
            assert client.v1.orders.cancel_open_order(f"ord/{i}", account_id=i).data.id == f"ord/{i}"
        assert [o.symbol for o in client.v1.orders.cancel_all_open_orders(7).data] == ["TSLA", "TSLA"]
        with pytest.raises(clear_street.NotFoundError, match="Order missing-1 not found"):
            client.v1.orders.cancel_open_order("missing-1", account_id=1)
        assert server.stats()["connections"] == 2  # one kept-alive connection served every call, and the stats


async def test_hundreds_of_concurrent_async_calls_share_one_pool() -> None:
    with serving() as server:
        async with clear_street.AsyncClearStreet(api_key="k", base_url=server.url) as client:
            copy = client.with_options(max_retries=1)
            results = await asyncio.gather(
                *((client if i % 2 else copy).v1.orders.cancel_open_order(f"o-{i}", account_id=1) for i in range(400))
            )
            assert [r.data.id for r in results] == [f"o-{i}" for i in range(400)]
            assert [r.metadata.request_id for r in results] == [f"r-o-{i}" for i in range(400)]
            # the pool's limit, shared by the copy (its own would make 200), and the stats; under a full pool httpcore
            # closes and reopens a few idle connections
            assert server.stats()["connections"] <= 120
        await asyncio.sleep(0.2)
        assert server.stats()["open_connections"] == 1  # only the stats request's own


def test_injected_faults_are_retried_to_success() -> None:
    with serving(status_rate=0.2, drop_rate=0.05, seed=7) as server:
        with clear_street.ClearStreet(api_key="k", base_url=server.url, max_retries=8) as client:
            client = client.with_options(timeout=httpx.Timeout(5.0))
            for i in range(100):
                assert client.v1.orders.cancel_open_order(f"o-{i}", account_id=2).data.id == f"o-{i}"
        assert server.stats()["injected"] > 10
