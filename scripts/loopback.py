"""A small real HTTP/1.1 server on 127.0.0.1 that speaks the orders API, for end-to-end, soak and benchmark runs.

It runs as its own process (so it does not share the client's GIL), keeps connections alive, counts them, and can
inject faults:
a share of responses become 429 or 503 with ``retry-after-ms: 1``, or the connection is dropped without a reply.
Cancel Open Order echoes the order id from the path, so a caller can check each response matches its request; an id
starting ``missing`` is a 404, ``deviating`` a success with a field that breaks the spec, ``broken`` a 200 whose
body is HTML.
``GET /_stats`` returns its counters as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote

ORDER = {
    "account_id": 19816,
    "average_fill_price": "47.95",
    "client_order_id": "my-ref-id-20251001-001",
    "created_at": "2025-10-31T13:30:00.000000000Z",
    "filled_quantity": "5",
    "id": "d40a92e6-381f-4803-b292-56d350d9d54a",
    "instrument_id": "d4d5d6d7-e4e5-f4f5-a4a5-a6a7a8a9aaab",
    "instrument_type": "COMMON_STOCK",
    "leaves_quantity": "5",
    "limit_price": "48.00",
    "order_type": "LIMIT",
    "quantity": "10",
    "side": "BUY",
    "status": "PENDING_CANCEL",
    "stop_price": None,
    "symbol": "TSLA",
    "time_in_force": "DAY",
    "updated_at": "2025-10-31T14:15:00.000000000Z",
    "venue": "XNAS",
}


NOTHING_TO_CANCEL = 4040
"""The account whose Cancel All Open Orders answers the documented 404: no open order matches."""
NEVER_ANSWERS = 9999
"""The account whose Cancel All Open Orders is read and never answered (the connection stays open)."""
BUSY_TWICE = 5030
"""The account whose Cancel All Open Orders answers 503 (retry-after-ms: 1) twice, then succeeds."""


def orders_body(count: int) -> bytes:
    """A Cancel All Open Orders success body with ``count`` distinct orders."""
    data = [{**ORDER, "id": f"00000000-0000-7000-8000-{i:012d}", "client_order_id": f"ref-{i}"} for i in range(count)]
    return json.dumps({"data": data, "error": None, "metadata": {"request_id": "bulk"}}).encode()


@dataclass
class Faults:
    """Shares of requests that fail: a 429 or 503 with retry-after-ms: 1, or a connection dropped unanswered."""

    status_rate: float = 0.0
    drop_rate: float = 0.0
    seed: int = 0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)


@dataclass
class Server:
    url: str = ""
    orders_count: int = 2
    faults: Faults = field(default_factory=Faults)
    connections: int = 0
    open_connections: int = 0
    requests: int = 0
    injected: int = 0
    cancelled: dict[str, int] = field(default_factory=dict)  # successful cancel-alls by account
    _bulk: bytes = b""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self.open_connections += 1
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                self.requests += 1
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                method, target, _ = request_line.split(" ", 2)
                headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines if h)}
                if length := int(headers.get("content-length", "0")):
                    await reader.readexactly(length)
                if target.startswith(f"/v1/accounts/{NEVER_ANSWERS}/orders"):
                    await asyncio.sleep(3600)  # read, never answered
                roll = 1.0 if target == "/_stats" else self.faults.rng.random()
                if roll < self.faults.drop_rate:
                    self.injected += 1
                    return  # close without answering
                writer.write(self.respond(method, target, headers, roll - self.faults.drop_rate))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.open_connections -= 1
            writer.close()

    def respond(self, method: str, target: str, headers: dict[str, str], roll: float) -> bytes:
        path = target.split("?", 1)[0]
        parts = path.strip("/").split("/")
        extra = ""
        if path == "/_stats":
            stats = {k: getattr(self, k) for k in ("connections", "open_connections", "requests", "injected",
                                                   "cancelled")}  # fmt: skip
            status, payload = 200, json.dumps(stats).encode()
        elif roll < self.faults.status_rate:
            self.injected += 1
            status = self.faults.rng.choice((429, 503))
            body = json.dumps({"error": {"code": status, "message": "injected"}, "metadata": {"request_id": "x"}})
            payload, extra = body.encode(), "retry-after-ms: 1\r\n"
        elif headers.get("authorization", "") == "":
            status, payload = 401, b'{"error": {"code": 401, "message": "no key"}, "metadata": {"request_id": "a"}}'
        elif method == "DELETE" and len(parts) == 5 and parts[0:2] == ["v1", "accounts"] and parts[3] == "orders":
            order_id = unquote(parts[4])
            if order_id.startswith("missing"):
                status = 404
                payload = json.dumps(
                    {"error": {"code": 404, "message": f"Order {order_id} not found"}, "metadata": {"request_id": "n"}}
                ).encode()
            elif order_id.startswith("broken"):  # a proxy's page after the cancel went through
                status, payload = 200, b"<html><body>upstream reset</body></html>"
                extra = f"X-Request-Id: r-{order_id}\r\n"
            else:
                status = 200
                data = {**ORDER, "id": order_id, "account_id": int(parts[2])}
                if order_id.startswith("deviating"):  # a newer server: a number where the spec says string
                    data["filled_quantity"] = 5
                payload = json.dumps(
                    {"data": data, "error": None, "metadata": {"request_id": f"r-{order_id}"}}
                ).encode()
        elif method == "DELETE" and len(parts) == 4 and parts[0] == "v1" and parts[3] == "orders":
            attempts = self.cancelled.get(f"tried-{parts[2]}", 0) + 1
            self.cancelled[f"tried-{parts[2]}"] = attempts
            if parts[2] == str(NOTHING_TO_CANCEL):
                status = 404
                payload = b'{"error": {"code": 404, "message": "No orders match the specified filters"}, ' \
                          b'"metadata": {"request_id": "none-left"}}'  # fmt: skip
            elif parts[2] == str(BUSY_TWICE) and attempts <= 2:
                status, extra = 503, "retry-after-ms: 1\r\n"
                payload = b'{"error": {"code": 503, "message": "busy"}, "metadata": {"request_id": "busy"}}'
            else:
                status, payload = 200, self._bulk
                self.cancelled[parts[2]] = self.cancelled.get(parts[2], 0) + 1
        else:
            status, payload = 404, b'{"error": {"code": 404, "message": "no route"}, "metadata": {"request_id": "-"}}'
        reason = {200: "OK", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests", 503: "Unavailable"}
        head = (
            f"HTTP/1.1 {status} {reason[status]}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n{extra}\r\n"
        )
        return head.encode() + payload


@dataclass
class Running:
    """A server process seen from the test or benchmark that started it."""

    url: str
    process: subprocess.Popen[str]

    def stats(self) -> dict[str, int]:
        import httpx  # only the controlling side needs it

        return dict(httpx.get(f"{self.url}/_stats", headers={"authorization": "stats"}).json())


@contextmanager
def serving(
    orders_count: int = 2, status_rate: float = 0.0, drop_rate: float = 0.0, seed: int = 0
) -> Iterator[Running]:
    """A server process on a free 127.0.0.1 port; stopped on exit."""
    command = [sys.executable, __file__, f"--orders={orders_count}", f"--status-rate={status_rate}",
               f"--drop-rate={drop_rate}", f"--seed={seed}"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield Running(process.stdout.readline().strip(), process)
    finally:
        process.terminate()
        process.wait(timeout=10)


async def serve(server: Server) -> None:
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0, backlog=1024)
    print(f"http://127.0.0.1:{listener.sockets[0].getsockname()[1]}", flush=True)
    async with listener:
        await listener.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=2, help="orders in a Cancel All Open Orders response")
    parser.add_argument("--status-rate", type=float, default=0.0)
    parser.add_argument("--drop-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    server = Server(orders_count=args.orders, faults=Faults(args.status_rate, args.drop_rate, args.seed))
    server._bulk = orders_body(args.orders)
    asyncio.run(serve(server))


if __name__ == "__main__":
    main()
