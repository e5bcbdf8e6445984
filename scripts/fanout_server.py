"""A keep-alive HTTP/1.1 server on 127.0.0.1 for the fan-out benchmark: every request is answered after a fixed
latency with a Cancel All Open Orders success of a few orders, as an exchange-facing API would be.

It runs in its own process (so it does not share the client's GIL) on a bare asyncio protocol, so that at 256
connections it is not the limit: ``GET /_stats`` gives the requests and connections it has seen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import loopback


class Stats:
    requests = 0
    connections = 0


class Protocol(asyncio.Protocol):
    """One connection: requests parsed head by head (no bodies: the fan-out sends DELETEs), each answered after
    ``latency`` seconds, in order."""

    def __init__(self, response: bytes, latency: float, stats: Stats) -> None:
        self.response, self.latency, self.stats = response, latency, stats
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        stats.connections += 1

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            self.stats.requests += 1
            if head.startswith(b"GET /_stats"):
                body = json.dumps({"requests": self.stats.requests, "connections": self.stats.connections}).encode()
                self.reply(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                           % (len(body), body))  # fmt: skip
            else:
                asyncio.get_running_loop().call_later(self.latency, self.reply, self.response)

    def reply(self, payload: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(payload)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None


async def serve(latency: float, orders: int) -> None:
    body = loopback.orders_body(orders)
    response = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    stats = Stats()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Protocol(response, latency, stats), "127.0.0.1", 0, backlog=4096)
    print(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


@contextmanager
def serving(latency: float = 0.02, orders: int = 5) -> Iterator[str]:
    """The server's URL, the process stopped on exit."""
    command = [sys.executable, __file__, f"--latency={latency}", f"--orders={orders}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds before each answer")
    parser.add_argument("--orders", type=int, default=5, help="orders in each Cancel All Open Orders answer")
    args = parser.parse_args()
    asyncio.run(serve(args.latency, args.orders))


if __name__ == "__main__":
    main()
