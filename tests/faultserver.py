"""A scripted HTTP/1.1 server on 127.0.0.1, in a process of its own, for the kill switch's fault tests.

Each account's Cancel All Open Orders (and Cancel Open Order) answers a script: one step per attempt (the last
repeats), a step being ``{"status": 404, "body": {...}}`` (a dict body is sent as JSON, a str as it is),
``{"hang": true}`` (read, never answered), or ``{"drop": true}`` (read, the connection closed unanswered);
``"delay"`` seconds before any of them.
An unscripted account answers 200 with two orders. Any other path is a 404 in the API's error format.
``GET /_log`` lists the requests received: path and seconds since the server started.
"""

from __future__ import annotations

import asyncio
import json
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

ORDER = {"account_id": 1, "created_at": "2025-10-31T13:30:00.000000000Z", "filled_quantity": "0", "id": "o-1",
         "leaves_quantity": "10", "order_type": "LIMIT", "quantity": "10", "side": "BUY", "status": "PENDING_CANCEL",
         "symbol": "TSLA", "time_in_force": "DAY", "updated_at": "2025-10-31T14:15:00.000000000Z"}  # fmt: skip
NO_MATCH = {"error": {"code": 404, "message": "No orders match the specified filters"},
            "metadata": {"request_id": "none-left"}}  # fmt: skip


def orders(account: int, *ids: str, request_id: str = "bulk", **envelope: Any) -> dict[str, Any]:
    """A Cancel All success body listing ``ids`` (two orders when none are given)."""
    data = [{**ORDER, "account_id": account, "id": order_id} for order_id in ids or (f"{account}-a", f"{account}-b")]
    return {"data": data, "error": None, "metadata": {"request_id": request_id}, **envelope}


class Handler:
    def __init__(self, script: dict[str, list[dict[str, Any]]]) -> None:
        self.script, self.attempts, self.received = script, {}, []
        self.start = time.monotonic()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                method, target, _ = head.decode("latin-1").split("\r\n", 1)[0].split(" ", 2)
                path = target.split("?", 1)[0]
                if path == "/_log":
                    await self.send(writer, 200, {"received": self.received})
                    continue
                self.received.append({"method": method, "path": path, "target": target,
                                      "at": time.monotonic() - self.start})  # fmt: skip
                parts = path.strip("/").split("/")
                if not (len(parts) in (4, 5) and parts[:2] == ["v1", "accounts"] and parts[3] == "orders"):
                    await self.send(writer, 404, {"error": {"code": 404, "message": f"No route for {path}"},
                                                  "metadata": {"request_id": "no-route"}})  # fmt: skip
                    continue
                account = parts[2]
                attempt = self.attempts[account] = self.attempts.get(account, 0) + 1
                steps = self.script.get(account) or [{"status": 200, "body": orders(int(account))}]
                step = steps[min(attempt, len(steps)) - 1]
                await asyncio.sleep(step.get("delay", 0))
                if step.get("hang"):
                    await asyncio.sleep(3600)
                if step.get("drop"):
                    return
                await self.send(writer, step["status"], step["body"], step.get("headers", {}))
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    @staticmethod
    async def send(writer: asyncio.StreamWriter, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        writer.write(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                     f"{extra}\r\n".encode() + payload)  # fmt: skip
        await writer.drain()


@dataclass
class Serving:
    url: str
    process: subprocess.Popen[str]

    def received(self) -> list[dict[str, Any]]:
        import httpx

        return list(httpx.get(f"{self.url}/_log", timeout=10).json()["received"])

    def paths(self) -> list[str]:
        return [request["path"] for request in self.received()]


@contextmanager
def serving(script: dict[int, list[dict[str, Any]]] | None = None) -> Iterator[Serving]:
    """The server in its own process on a free port, stopped on exit."""
    text = json.dumps({str(account): steps for account, steps in (script or {}).items()})
    process = subprocess.Popen([sys.executable, __file__, text], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        if not select.select([process.stdout], [], [], 30)[0]:
            raise TimeoutError("the fault server did not start within 30 s")
        yield Serving(process.stdout.readline().strip(), process)
    finally:
        process.kill()
        process.wait(timeout=10)


async def main(script: dict[str, list[dict[str, Any]]]) -> None:
    listener = await asyncio.start_server(Handler(script).handle, "127.0.0.1", 0, backlog=1024)
    print(f"http://127.0.0.1:{listener.sockets[0].getsockname()[1]}", flush=True)
    async with listener:
        await listener.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
