"""An httpcore network backend on asyncio's own streams, for the fan-out pool.

httpcore's default backend goes through anyio, whose every send, and every lock httpcore takes around it, yields
to the event loop once more, and whose timeouts are cancel scopes: at a fan-out that is a third of a request's CPU.
This backend reads and writes through ``asyncio.StreamReader``/``StreamWriter`` with ``asyncio.timeout``, and
raises httpcore's exceptions as its own backends do (so httpx maps a reset to ``ReadError``, a lost answer to
``RemoteProtocolError``, a slow one to ``ReadTimeout``). Under trio, and for Unix sockets or socket options, it
hands over to httpcore's own backends.
"""

from __future__ import annotations

import asyncio
import select
import ssl
import sys
from collections.abc import Iterable
from typing import Any

import httpcore

_FALLBACK = httpcore.AnyIOBackend()


class AsyncioStream(httpcore.AsyncNetworkStream):
    __slots__ = ("_reader", "_writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)
        except TimeoutError as exc:
            raise httpcore.ReadTimeout(exc) from exc
        except OSError as exc:
            raise httpcore.ReadError(exc) from exc

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        if self._writer.is_closing():
            raise httpcore.WriteError("The connection is closed")
        try:
            self._writer.write(buffer)
            async with asyncio.timeout(timeout):
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(exc) from exc
        except OSError as exc:
            raise httpcore.WriteError(exc) from exc

    async def aclose(self) -> None:
        """Closed when this returns, as anyio's streams are: the loop closes the socket at its next turn, and a TLS
        connection is not held open waiting for the peer's close_notify."""
        self._writer.close()
        await asyncio.sleep(0)
        self._writer.transport.abort()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        try:
            async with asyncio.timeout(timeout):
                await self._writer.start_tls(ssl_context, server_hostname=server_hostname)
        except BaseException as exc:
            self._writer.close()
            if isinstance(exc, TimeoutError):
                raise httpcore.ConnectTimeout(exc) from exc
            if isinstance(exc, OSError):  # ssl.SSLError included
                raise httpcore.ConnectError(exc) from exc
            raise
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":  # idle, yet readable: the server has closed it, or sent what it must not
            return self._reader.at_eof() or _readable(self._writer.get_extra_info("socket"))
        name = {"client_addr": "sockname", "server_addr": "peername"}.get(info, info)
        return self._writer.get_extra_info(name)


def _readable(sock: Any) -> bool:
    """Whether the kernel holds data (or the end) the event loop has not read yet; a closed socket counts."""
    fileno = -1 if sock is None else sock.fileno()
    if fileno < 0:
        return True
    poll = select.poll()
    poll.register(fileno, select.POLLIN)
    return bool(poll.poll(0))


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """TCP connections on asyncio streams; trio, Unix sockets and socket options go to httpcore's backends."""

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        if socket_options or _under_trio():
            return await _fallback().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=None if local_address is None else (local_address, 0)
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(exc) from exc
        except OSError as exc:
            raise httpcore.ConnectError(exc) from exc
        return AsyncioStream(reader, writer)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return await _fallback().connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await _fallback().sleep(seconds)


def _fallback() -> httpcore.AsyncNetworkBackend:
    return httpcore.TrioBackend() if _under_trio() else _FALLBACK


def _under_trio() -> bool:
    """Whether this task runs under trio (without sniffio, which httpx does not require)."""
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True
