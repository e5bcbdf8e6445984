"""`make bench`: clear_street against raw httpx + json and the official `clearstreet` SDK, in one process with
interleaved rounds; prints medians and ratios and writes BENCHMARKS.md.

Machines here are shared and noisy, so every figure is a median over rounds and the contenders take turns within
each round. Nothing here is a pass/fail test: the suite asserts behaviour, this measures cost.
"""

from __future__ import annotations

import asyncio
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import clear_street
import clearstreet
import httpx

sys.path.insert(0, str(Path(__file__).parent))
import loopback

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://bench.test"
ONE_BODY = json.dumps({"data": loopback.ORDER, "error": None, "metadata": {"request_id": "r"}}).encode()
BULK_ORDERS = 10_000
BULK_BODY = loopback.orders_body(BULK_ORDERS)
HEADERS = {"content-type": "application/json"}


def mock_transport(body: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers=HEADERS))


def contenders(body: bytes) -> dict[str, Callable[[], Any]]:
    """One callable per contender, each making the same call over its own MockTransport client."""
    raw_http = httpx.Client(transport=mock_transport(body), base_url=BASE, headers={"Authorization": "Bearer k"})
    official = clearstreet.ClearStreet(
        api_key="k", base_url=BASE, http_client=httpx.Client(transport=mock_transport(body))
    )
    ours = clear_street.ClearStreet(
        api_key="k", base_url=BASE, http_client=httpx.Client(transport=mock_transport(body))
    )
    if body is ONE_BODY:
        return {
            "raw httpx + json": lambda: json.loads(raw_http.delete("/v1/accounts/19816/orders/o-1").content),
            "official clearstreet": lambda: official.v1.orders.cancel_open_order("o-1", account_id=19816),
            "clear_street": lambda: ours.v1.orders.cancel_open_order("o-1", account_id=19816),
        }
    return {
        "raw httpx + json": lambda: json.loads(raw_http.delete("/v1/accounts/19816/orders").content),
        "official clearstreet": lambda: official.v1.orders.cancel_all_open_orders(19816),
        "clear_street": lambda: ours.v1.orders.cancel_all_open_orders(19816),
    }


def interleaved(calls: dict[str, Callable[[], Any]], rounds: int, per_round: int) -> dict[str, float]:
    """Median seconds per call for each contender, the contenders taking turns in every round."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()  # warm up
    for _ in range(rounds):
        for name, call in calls.items():
            gc.collect()
            start = time.perf_counter()
            for _ in range(per_round):
                call()
            samples[name].append((time.perf_counter() - start) / per_round)
    return {name: statistics.median(values) for name, values in samples.items()}


def retained_bytes(call: Callable[[], Any]) -> int:
    """Bytes still allocated while the call's result is alive (the raw response is dropped by then)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = call()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return after - before


def import_seconds(module: str, runs: int = 9) -> float:
    """Median cumulative import time of ``module`` in a fresh interpreter (python -X importtime)."""
    times = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
        )
        line = next(line for line in reversed(result.stderr.splitlines()) if line.rstrip().endswith(f"| {module}"))
        times.append(int(line.split("|")[1]) / 1e6)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def loopback_sequential(url: str, count: int) -> dict[str, dict[str, float]]:
    raw = httpx.Client(base_url=url, headers={"Authorization": "Bearer k"})
    ours = clear_street.ClearStreet(api_key="k", base_url=url)

    def raw_call(i: int) -> str:
        return str(json.loads(raw.delete(f"/v1/accounts/1/orders/o-{i}").content)["data"]["id"])

    def our_call(i: int) -> str:
        return ours.v1.orders.cancel_open_order(f"o-{i}", account_id=1).data.id

    results = {}
    for _ in range(3):  # interleaved rounds; the best-of-medians is not used, the median round is
        for name, call in (("raw httpx + json", raw_call), ("clear_street", our_call)):
            latencies, start = [], time.perf_counter()
            for i in range(count):
                begun = time.perf_counter()
                assert call(i) == f"o-{i}", "a response did not match its request"
                latencies.append(time.perf_counter() - begun)
            elapsed = time.perf_counter() - start
            results.setdefault(name, []).append(
                {"rps": count / elapsed, "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99)}
            )
    raw.close()
    ours.close()
    return {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items()}


async def loopback_concurrent(url: str, count: int, concurrency: int) -> dict[str, dict[str, float]]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    raw = httpx.AsyncClient(base_url=url, headers={"Authorization": "Bearer k"}, limits=limits)
    ours = clear_street.AsyncClearStreet(api_key="k", base_url=url, http_client=httpx.AsyncClient(limits=limits))

    async def raw_call(i: int) -> str:
        return str(json.loads((await raw.delete(f"/v1/accounts/1/orders/o-{i}")).content)["data"]["id"])

    async def our_call(i: int) -> str:
        return (await ours.v1.orders.cancel_open_order(f"o-{i}", account_id=1)).data.id

    results: dict[str, list[dict[str, float]]] = {}
    for _ in range(3):
        for name, call in (("raw httpx + json", raw_call), ("clear_street", our_call)):
            gate = asyncio.Semaphore(concurrency)
            latencies: list[float] = []

            async def one(
                i: int, call: Any = call, gate: asyncio.Semaphore = gate, latencies: list = latencies
            ) -> None:
                async with gate:
                    begun = time.perf_counter()
                    assert await call(i) == f"o-{i}", "a response did not match its request"
                    latencies.append(time.perf_counter() - begun)

            start = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(count)))
            elapsed = time.perf_counter() - start
            results.setdefault(name, []).append(
                {"rps": count / elapsed, "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99)}
            )
    await raw.aclose()
    await ours.close()
    return {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items()}


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x"


def main() -> None:
    lines: list[str] = []

    def out(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    out("# Benchmarks")
    out()
    out(
        f"{datetime.date.today().isoformat()} on {platform.machine()} {platform.system()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, httpx {httpx.__version__}, clearstreet {clearstreet.__version__}, "
        f"clear-street {clear_street.__version__}. Medians of interleaved rounds; ratios are to raw httpx + json."
    )
    out()

    per_call = interleaved(contenders(ONE_BODY), rounds=15, per_round=400)
    base = per_call["raw httpx + json"]
    out("## 1. cancel_open_order over httpx.MockTransport")
    out()
    out("| contender | µs per call | ratio |")
    out("|---|---:|---:|")
    for name, seconds in per_call.items():
        out(f"| {name} | {seconds * 1e6:.1f} | {ratio(seconds, base)} |")
    out()

    bulk = interleaved(contenders(BULK_BODY), rounds=7, per_round=1)
    memory = {name: retained_bytes(call) for name, call in contenders(BULK_BODY).items()}
    out(f"## 2. cancel_all_open_orders returning {BULK_ORDERS:,} orders")
    out()
    out("| contender | ms per call | ratio | retained MiB | ratio |")
    out("|---|---:|---:|---:|---:|")
    for name, seconds in bulk.items():
        out(
            f"| {name} | {seconds * 1e3:.1f} | {ratio(seconds, bulk['raw httpx + json'])} "
            f"| {memory[name] / 2**20:.1f} | {ratio(memory[name], memory['raw httpx + json'])} |"
        )
    out()

    imports = {name: import_seconds(name) for name in ("httpx", "clearstreet", "clear_street")}
    out("## 3. Import time (python -X importtime, median of 9)")
    out()
    out("| module | ms | ratio to httpx |")
    out("|---|---:|---:|")
    for name, seconds in imports.items():
        out(f"| {name} | {seconds * 1e3:.1f} | {ratio(seconds, imports['httpx'])} |")
    out()

    with loopback.serving() as server:
        sequential = loopback_sequential(server.url, 1000)
        concurrent = asyncio.run(loopback_concurrent(server.url, 1000, 50))
    out("## 4. Over loopback against a real local server (separate process)")
    out()
    out("| run | contender | requests/s | ratio | p50 ms | p99 ms |")
    out("|---|---|---:|---:|---:|---:|")
    for label, table in (("1,000 sequential, sync", sequential), ("1,000 at concurrency 50, async", concurrent)):
        for name, row in table.items():
            out(
                f"| {label} | {name} | {row['rps']:.0f} | {ratio(row['rps'], table['raw httpx + json']['rps'])} "
                f"| {row['p50'] * 1e3:.2f} | {row['p99'] * 1e3:.2f} |"
            )
    out()
    out("Every loopback response was checked against its request (the server echoes the order id).")
    out()
    ours, raw = "clear_street", "raw httpx + json"
    per_call_ratio, bulk_ratio = per_call[ours] / per_call[raw], bulk[ours] / bulk[raw]
    versus_official = bulk["official clearstreet"] / bulk[ours]
    memory_ratio, import_ratio = memory[ours] / memory[raw], imports["clear_street"] / imports["httpx"]
    sync_ratio = sequential[ours]["rps"] / sequential[raw]["rps"]
    async_ratio = concurrent[ours]["rps"] / concurrent[raw]["rps"]
    goals = [
        ("per-call overhead ≤ 1.15x raw httpx", per_call_ratio, per_call_ratio <= 1.15),
        ("10,000-order cancel-all ≤ 2.0x raw httpx + json", bulk_ratio, bulk_ratio <= 2.0),
        ("10,000-order cancel-all ≥ 10x faster than the official SDK", versus_official, versus_official >= 10),
        ("retained memory ≤ 1.2x the raw dicts", memory_ratio, memory_ratio <= 1.2),
        ("import ≤ 1.3x import httpx", import_ratio, import_ratio <= 1.3),
        ("sync loopback throughput within 10% of raw", sync_ratio, sync_ratio >= 0.9),
        ("async loopback throughput within 10% of raw", async_ratio, async_ratio >= 0.9),
    ]
    out("## Goals")
    out()
    out("| goal | this run | met |")
    out("|---|---:|:---:|")
    for goal, value, met in goals:
        out(f"| {goal} | {value:.2f}x | {'yes' if met else 'no'} |")
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")
    print("\nwrote BENCHMARKS.md")


if __name__ == "__main__":
    main()
