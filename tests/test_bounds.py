"""A call cannot surprise its caller (issue 18), against real servers on 127.0.0.1, raw sockets where HTTP must
break: every failure typed, every call bounded in time and memory, a client safe to share across threads, event
loops and forks, and a record that says what may have happened."""

from __future__ import annotations

import asyncio
import gc
import gzip
import json
import logging
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import anyio
import clear_street
import httpx
import pytest
import trio
from loopback import ORDER, serving

OK = json.dumps({"data": ORDER, "error": None, "metadata": {"request_id": "r-ok"}}).encode()
NOT_FOUND = b'{"error": {"code": 404, "message": "Order o not found"}, "metadata": {"request_id": "n"}}'


def head(status: str = "200 OK", length: int | None = None, extra: str = "") -> bytes:
    sized = "" if length is None else f"Content-Length: {length}\r\n"
    return f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{sized}{extra}\r\n".encode()


def reply(body: bytes, status: str = "200 OK", extra: str = "") -> bytes:
    return head(status, len(body), extra) + body


class Raw:
    """A raw socket server: each connection's requests are read and answered by ``answer(n, connection)``, ``n``
    counting requests over all connections; it records every request line it read."""

    def __init__(self, answer: Callable[[int, socket.socket], None]) -> None:
        self.answer, self.requests = answer, []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.stopping = False
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self) -> None:
        while not self.stopping:
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self.connection, args=(connection,), daemon=True).start()

    def connection(self, connection: socket.socket) -> None:
        connection.settimeout(30)
        with connection:
            buffered = b""
            try:
                while not self.stopping:
                    while b"\r\n\r\n" not in buffered:
                        if not (data := connection.recv(65536)):
                            return
                        buffered += data
                    request, _, buffered = buffered.partition(b"\r\n\r\n")
                    self.requests.append(request.split(b"\r\n")[0].decode())
                    self.answer(len(self.requests), connection)
            except OSError:
                return


@contextmanager
def raw(answer: Callable[[int, socket.socket], None]) -> Iterator[Raw]:
    server = Raw(answer)
    server.thread.start()
    try:
        yield server
    finally:
        server.stopping = True
        server.thread.join(timeout=5)
        server.listener.close()


def always(payload: bytes) -> Callable[[int, socket.socket], None]:
    return lambda n, connection: connection.sendall(payload)


def trickle(n: int, connection: socket.socket) -> None:
    """A 200 whose head comes at once and whose body comes a byte every 0.2 s: no read ever times out."""
    connection.sendall(head(length=len(OK)))
    for byte in OK:
        connection.sendall(bytes([byte]))
        time.sleep(0.2)


def client(url: str, **options: object) -> clear_street.ClearStreet:
    return clear_street.ClearStreet(api_key="k", base_url=url, **options)  # type: ignore[arg-type]


# Every failure typed


@pytest.mark.parametrize("where", ["transport", "request hook", "response hook"])
def test_any_exception_of_a_callers_transport_or_hook_is_a_connection_error(where: str) -> None:
    def boom(*args: object) -> httpx.Response:
        raise RuntimeError("boom")

    transport = httpx.MockTransport(boom if where == "transport" else lambda request: httpx.Response(200, content=OK))
    hooks = {"request": [boom]} if where == "request hook" else {"response": [boom]} if where == "response hook" else {}
    http = httpx.Client(transport=transport, event_hooks=hooks)
    with clear_street.ClearStreet(api_key="k", base_url="http://x.test", http_client=http, max_retries=0) as ours:
        with pytest.raises(clear_street.APIConnectionError, match="RuntimeError: boom") as caught:
            ours.v1.orders.cancel_open_order("o", account_id=1)
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_a_keyboard_interrupt_in_a_transport_goes_through() -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    http = httpx.Client(transport=httpx.MockTransport(interrupt))
    with clear_street.ClearStreet(api_key="k", base_url="http://x.test", http_client=http) as ours:
        with pytest.raises(KeyboardInterrupt):
            ours.v1.orders.cancel_open_order("o", account_id=1)


def test_an_async_cancellation_goes_through() -> None:
    async def main() -> bool:
        with serving() as server:
            async with clear_street.AsyncClearStreet(api_key="k", base_url=server.url) as ours:
                with anyio.move_on_after(0.5) as scope:  # account 9999 is read and never answered
                    await ours.v1.orders.cancel_all_open_orders(9999)
                return scope.cancelled_caught

    assert asyncio.run(main())
    assert trio.run(main)


def test_an_async_client_works_across_event_loops_and_does_not_leak_its_old_pool() -> None:
    with serving() as server:
        ours = clear_street.AsyncClearStreet(api_key="k", base_url=server.url)
        copy = ours.with_options(max_retries=1)

        async def cancel(order_id: str) -> str:
            return (await copy.v1.orders.cancel_open_order(order_id, account_id=1)).data.id

        assert asyncio.run(cancel("first")) == "first"
        assert asyncio.run(cancel("second")) == "second"  # a new loop: a fresh pool, the old one left behind
        assert trio.run(cancel, "third") == "third"
        gc.collect()
        time.sleep(0.2)
        assert server.stats()["open_connections"] == 2  # the live pool's, and the stats request's own
        asyncio.run(ours.close())


def test_a_callers_async_client_from_a_closed_loop_fails_typed_before_sending() -> None:
    with raw(always(reply(OK))) as server:
        http = asyncio.run(_async_client())
        ours = clear_street.AsyncClearStreet(api_key="k", base_url=server.url, http_client=http)
        asyncio.run(ours.v1.orders.cancel_open_order("first", account_id=1))
        with pytest.raises(clear_street.APIConnectionError, match="event loop that has since closed"):
            asyncio.run(ours.v1.orders.cancel_open_order("second", account_id=1))
        assert len(server.requests) == 1  # the second DELETE never went out


async def _async_client() -> httpx.AsyncClient:
    return httpx.AsyncClient()


def test_an_integer_longer_than_int_takes_keeps_the_2xx_exactly() -> None:
    digits = "9" * 10_000
    body = OK.replace(b'"venue": "XNAS"', b'"venue": "XNAS", "sequence": ' + digits.encode())
    with raw(always(reply(body))) as server, client(server.url) as ours:
        order = ours.v1.orders.cancel_open_order("o", account_id=1).data
    assert order.id == ORDER["id"]
    assert order.to_dict()["sequence"] == int(Decimal(digits))  # int() itself refuses so many digits


# Bounded


def test_a_deadline_bounds_a_body_trickled_a_byte_at_a_time() -> None:
    with raw(trickle) as server, client(server.url, timeout=1, max_retries=0, deadline=1.0) as ours:
        start = time.monotonic()
        with pytest.raises(clear_street.APITimeoutError, match="deadline of 1s") as caught:
            ours.v1.orders.cancel_open_order("o", account_id=1)
        assert time.monotonic() - start < 2.0  # the body alone takes 70 s
    assert caught.value.earlier_attempt is not None  # the 200's head came: the cancel may have happened
    assert "may already have taken effect" in str(caught.value)


def test_a_per_call_deadline_overrides_the_clients_and_covers_retries_and_backoff() -> None:
    busy = reply(b'{"error": {"code": 503, "message": "busy"}, "metadata": {"request_id": "b"}}', "503 Unavailable",
                 "Retry-After: 0.4\r\n")  # fmt: skip
    with raw(always(busy)) as server, client(server.url, max_retries=50, deadline=60) as ours:
        start = time.monotonic()
        with pytest.raises(clear_street.APITimeoutError, match="deadline of 1s .*InternalServerError: busy"):
            ours.v1.orders.cancel_all_open_orders(1, deadline=1)  # the generated method's own argument
        assert time.monotonic() - start < 1.5
    assert 2 <= len(server.requests) <= 4  # retried until the next wait would pass the deadline


@pytest.mark.parametrize("runner", ["asyncio", "trio"])
def test_a_deadline_bounds_an_async_call(runner: str) -> None:
    async def main() -> float:
        async with clear_street.AsyncClearStreet(api_key="k", base_url=url, max_retries=0, deadline=1) as ours:
            start = time.monotonic()
            with pytest.raises(clear_street.APITimeoutError, match="deadline"):
                await ours.v1.orders.cancel_open_order("o", account_id=1)
            return time.monotonic() - start

    with raw(trickle) as server:
        url = server.url
        assert anyio.run(main, backend=runner) < 2.0


def test_a_per_call_timeout_left_out_is_the_clients_and_none_is_none(make_client) -> None:
    """As in the official SDK: per call, a timeout not given is the client's, None is no timeout at all."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=OK)

    ours = make_client(answer, timeout=7)
    ours.v1.orders.cancel_open_order("o", account_id=1)
    ours.v1.orders.cancel_open_order("o", account_id=1, timeout=None)
    ours.v1.orders.cancel_open_order("o", account_id=1, timeout=2.5)
    phases = [set(request.extensions["timeout"].values()) for request in seen]
    assert phases == [{7.0}, {None}, {2.5}]
    with pytest.raises(ValueError, match="timeout"):
        ours.v1.orders.cancel_open_order("o", account_id=1, timeout=-1)
    assert len(seen) == 3


def test_deadline_and_max_response_bytes_are_checked_options() -> None:
    for bad in ({"deadline": 0}, {"deadline": float("inf")}, {"deadline": "5"}, {"max_response_bytes": 0}):
        with pytest.raises(ValueError, match="deadline|max_response_bytes"):
            clear_street.ClearStreet(api_key="k", **bad)  # type: ignore[arg-type]
    ours = clear_street.ClearStreet(api_key="k", deadline=5).with_options(max_response_bytes=1000)
    assert (ours.deadline, ours.max_response_bytes) == (5.0, 1000)
    assert clear_street.ClearStreet(api_key="k").max_response_bytes >= 100 * 1024 * 1024


def test_a_2xx_over_the_size_cap_is_a_typed_error_saying_the_cancel_may_have_happened() -> None:
    big = json.dumps({"data": [ORDER] * 100, "error": None, "metadata": {"request_id": "big"}}).encode()
    with raw(always(reply(big))) as server, client(server.url, max_response_bytes=10_000) as ours:
        with pytest.raises(clear_street.APIResponseValidationError, match="may have taken effect.*max_response_bytes"):
            ours.v1.orders.cancel_all_open_orders(1)
        assert len(ours.with_options(max_response_bytes=len(big)).v1.orders.cancel_all_open_orders(1).data) == 100


def test_a_gzip_bomb_stops_at_the_cap_with_little_memory() -> None:
    """200 MB of zeros in 200 KB of gzip against a 1 MB cap: reading stops after the first network read's worth."""
    script = textwrap.dedent("""
        import gzip, io, resource, socket, sys, threading, clear_street
        packed = io.BytesIO()
        with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=9) as bomb:
            for _ in range(200):
                bomb.write(bytes(1_000_000))
        body = packed.getvalue()
        head = f"HTTP/1.1 200 OK\\r\\nContent-Encoding: gzip\\r\\nContent-Length: {len(body)}\\r\\n\\r\\n"
        listener = socket.create_server(("127.0.0.1", 0))
        def serve():
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(head.encode() + body)
        threading.Thread(target=serve, daemon=True).start()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        client = clear_street.ClearStreet(api_key="k", base_url=url, max_response_bytes=1_000_000, max_retries=0)
        try:
            client.v1.orders.cancel_all_open_orders(1)
        except clear_street.APIResponseValidationError as error:
            print(type(error).__name__, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    kind, grown_mib = result.stdout.split()
    assert kind == "APIResponseValidationError", result.stderr
    assert int(grown_mib) < 50  # 9 MiB here; the whole body is 200 MB (a 1 GB bomb took 3.5 GB before)


# Safe to share


def test_a_forked_child_gets_its_own_pool() -> None:
    with serving() as server, client(server.url) as ours:
        assert ours.v1.orders.cancel_open_order("parent-0", account_id=1).data.id == "parent-0"  # a pooled socket
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its cancels, on its own connection, answered to it
            try:
                ids = [ours.v1.orders.cancel_open_order(f"child-{i}", account_id=1).data.id for i in range(50)]
                os.write(writer, b"ok" if ids == [f"child-{i}" for i in range(50)] else b"mixed")
            finally:
                os._exit(0)
        ids = [ours.v1.orders.cancel_open_order(f"parent-{i}", account_id=1).data.id for i in range(1, 51)]
        os.close(writer)
        os.waitpid(pid, 0)
        with os.fdopen(reader, "rb") as child:
            assert child.read() == b"ok"
        assert ids == [f"parent-{i}" for i in range(1, 51)]
        assert server.stats()["connections"] == 3  # the parent's, the child's, and the stats'


def test_a_client_that_follows_redirects_is_refused_and_a_redirect_is_an_error() -> None:
    with pytest.raises(ValueError, match="must not follow redirects"):
        clear_street.ClearStreet(api_key="k", http_client=httpx.Client(follow_redirects=True))
    redirect = reply(b"", "303 See Other", "Location: /v1/elsewhere\r\n")
    with raw(always(redirect)) as server, client(server.url) as ours:
        with pytest.raises(clear_street.APIStatusError, match="303") as caught:
            ours.v1.orders.cancel_open_order("o", account_id=1)
        copy = ours.with_options(http_client=httpx.Client())
        copy._http.follow_redirects = True  # switched on after the check
        with pytest.raises(clear_street.APIStatusError, match="303"):
            copy.v1.orders.cancel_open_order("o", account_id=1)
    assert caught.value.status_code == 303
    assert server.requests == ["DELETE /v1/accounts/1/orders/o HTTP/1.1"] * 2  # never a GET


# A precise record


def test_a_corrupt_gzip_2xx_then_a_404_says_the_cancel_may_have_happened() -> None:
    def answer(n: int, connection: socket.socket) -> None:
        corrupt = gzip.compress(OK)[:10] + b"\xff" * 40  # a gzip header, then no valid deflate block
        connection.sendall(reply(corrupt, extra="Content-Encoding: gzip\r\n") if n == 1 else reply(NOT_FOUND, "404 No"))

    with raw(answer) as server, client(server.url, max_retries=1) as ours:
        with pytest.raises(clear_street.NotFoundError) as caught:
            ours.v1.orders.cancel_open_order("o", account_id=1)
    assert isinstance(caught.value.earlier_attempt, clear_street.APIConnectionError)
    assert "may already have taken effect" in str(caught.value)


def test_a_gzip_2xx_its_transport_read_already_is_not_inflated_twice() -> None:
    """A transport that reads the body itself (a MockTransport, a test double) hands httpx's decoded body over."""
    gzipped = httpx.MockTransport(
        lambda request: httpx.Response(200, content=gzip.compress(OK), headers={"Content-Encoding": "gzip"})
    )
    ours = clear_street.ClearStreet(api_key="k", base_url="http://x.test", http_client=httpx.Client(transport=gzipped))
    raw_response = ours.v1.orders.with_raw_response.cancel_open_order("o", account_id=1)
    assert raw_response.http_response.content == OK
    assert raw_response.parse().metadata.request_id == "r-ok"


def test_log_values_from_the_server_are_escaped(caplog: pytest.LogCaptureFixture) -> None:
    forged = NOT_FOUND.replace(b'"n"', b'"r1\\nINFO clear_street forged line\\u001b[2J"')
    with raw(always(reply(forged, "404 Not Found"))) as server, client(server.url) as ours:
        with caplog.at_level(logging.INFO, logger="clear_street"), pytest.raises(clear_street.NotFoundError):
            ours.v1.orders.cancel_open_order("o", account_id=1)
    (line,) = [record.getMessage() for record in caplog.records]
    assert "\n" not in line
    assert "\x1b" not in line
    assert "request_id=r1\\nINFO clear_street forged line\\x1b[2J " in line


def test_the_doubt_of_an_earlier_attempt_survives_a_last_attempt_that_may_have_reached_the_server_too() -> None:
    def answer(n: int, connection: socket.socket) -> None:
        if n == 1:
            time.sleep(1.0)  # read, unanswered within the timeout
        else:
            connection.sendall(reply(b'{"error": {"code": 500, "message": "oops"}}', "500 Internal Server Error"))

    with raw(answer) as server, client(server.url, timeout=0.3, max_retries=1) as ours:
        with pytest.raises(clear_street.InternalServerError) as caught:
            ours.v1.orders.cancel_open_order("o", account_id=1)
    assert isinstance(caught.value.earlier_attempt, clear_street.APITimeoutError)
