"""Soak: 20,000 cancels through one AsyncClearStreet against a real server on 127.0.0.1 that fails ~5% of responses
(429/503 with retry-after-ms: 1, or a dropped connection). Bounded in count and time; it stops by itself."""

from __future__ import annotations

import asyncio
import gc
import threading

import clear_street
import httpx
from loopback import serving

TOTAL, BATCHES, CONCURRENCY, TIME_LIMIT = 20_000, 4, 50, 300


async def test_soak_under_injected_faults() -> None:
    threads_before = threading.active_count()
    results: dict[str, int] = {}
    failures: list[BaseException] = []
    live_objects: list[int] = []
    with serving(status_rate=0.04, drop_rate=0.01, seed=11) as server:
        client = clear_street.AsyncClearStreet(api_key="k", base_url=server.url, max_retries=4, timeout=10)
        gate = asyncio.Semaphore(CONCURRENCY)

        async def cancel(i: int) -> None:
            async with gate:
                try:
                    response = await client.v1.orders.cancel_open_order(f"o-{i}", account_id=1)
                except Exception as error:  # recorded, then asserted to be typed
                    failures.append(error)
                    return
            results[response.data.id] = results.get(response.data.id, 0) + 1

        async def run() -> None:
            per_batch = TOTAL // BATCHES
            for batch in range(BATCHES):
                await asyncio.gather(*(cancel(i) for i in range(batch * per_batch, (batch + 1) * per_batch)))
                gc.collect()
                live_objects.append(len(gc.get_objects()))

        try:
            await asyncio.wait_for(run(), TIME_LIMIT)
        finally:
            await client.close()
        stats = server.stats()

    assert all(isinstance(error, clear_street.APIError) for error in failures), failures[:3]
    assert len(failures) < TOTAL * 0.001
    assert all(count == 1 for count in results.values()), "a result was duplicated"
    assert len(results) + len(failures) == TOTAL, "a result was lost"
    assert set(results) <= {f"o-{i}" for i in range(TOTAL)}
    assert stats["injected"] > TOTAL * 0.03, stats
    assert stats["open_connections"] == 1, stats  # only the stats request's own: the pool closed every one
    assert client._http.is_closed
    assert asyncio.all_tasks() == {asyncio.current_task()}
    assert threading.active_count() == threads_before
    growth = live_objects[-1] - live_objects[1]
    assert growth < 500, f"{growth} more live objects after {TOTAL // 2} more calls: {live_objects}"


def test_sync_client_releases_its_connections() -> None:
    with serving(drop_rate=0.02, seed=3) as server:
        with clear_street.ClearStreet(api_key="k", base_url=server.url, max_retries=5) as client:
            client = client.with_options(timeout=httpx.Timeout(5.0))
            ids = [client.v1.orders.cancel_open_order(f"s-{i}", account_id=1).data.id for i in range(200)]
        assert ids == [f"s-{i}" for i in range(200)]
        assert server.stats()["open_connections"] == 1
