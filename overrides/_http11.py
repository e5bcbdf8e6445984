"""HTTP/1.1 as the fan-out transport speaks it: a request's head written, a response's head and body read.

httpcore drives h11's state machine, which costs about 120 µs a request: at a fan-out, a fifth of a cancel's CPU.
This module reads the same grammar as h11 0.16 (RFC 9112 with h11's leniencies: a missing reason phrase, bare LF
line ends, obs-fold, whitespace after a chunk size) with a few regular expressions per message, and refuses what h11
refuses, as ``ProtocolError``: the tests hold it to h11's answer on generated responses and requests. Stricter
than h11 in three places, on purpose: a head over 100 KiB is refused however it arrives (h11 only while incomplete),
a 101 is refused (this client never asks to switch), and a connection whose answer carried both Transfer-Encoding
and Content-Length is not reused.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_HEAD = 100 * 1024
"""The largest response head (or chunk-size line, or trailer section) read: httpcore's limit for h11."""

_TOKEN = rb"[-!#$%&'*+.^_`|~0-9a-zA-Z]+"
_FIELD_VALUE = rb"(?:[^\x00\s]+(?:[ \t]+[^\x00\s]+)*)?"
_FIELD = re.compile(rb"(" + _TOKEN + rb"):[ \t]*(" + _FIELD_VALUE + rb")[ \t]*")
_NAME, _VALUE = re.compile(_TOKEN), re.compile(_FIELD_VALUE)
_TARGET = re.compile(rb"[\x21-\x7e]+")
_STATUS_LINE = re.compile(rb"HTTP/([0-9]\.[0-9]) ([0-9]{3})(?: ((?:[ \t]|[^\x00\s])*))?")
_BLANK_LINE = re.compile(rb"\n\r?\n")
_FOLD = re.compile(rb"[ \t]+")
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*\r\n")
_LENGTH = re.compile(rb"[0-9]{1,20}")


class ProtocolError(Exception):
    """The server broke HTTP/1.1 (or a request would): the exchange, and its connection, cannot go on."""


class Head(NamedTuple):
    """A response's status line and headers as h11 hands them over (names in their case, a Content-Length given
    once, as its number, a Transfer-Encoding lowercased), how its body is framed, and if the connection goes on."""

    status: int
    reason: bytes
    http_version: bytes
    headers: list[tuple[bytes, bytes]]
    body: Length | Chunked | UntilClose
    keep_alive: bool


def request_head(method: str, target: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    """The request line and headers, checked as h11 checks them: a CR or LF in a value would forge a header, and a
    second Host or a Content-Length the body does not keep to would make two requests of one."""
    if _NAME.fullmatch(method_bytes := method.encode("ascii", "replace")) is None:
        raise ProtocolError(f"Illegal method {method!r}")
    if _TARGET.fullmatch(target) is None:
        raise ProtocolError(f"Illegal request target {target!r}")
    hosts = 0
    for name, value in headers:
        if _NAME.fullmatch(name) is None:
            raise ProtocolError(f"Illegal header name {name!r}")
        if _VALUE.fullmatch(value) is None:
            raise ProtocolError(f"Illegal header value {value!r}")
        hosts += name.lower() == b"host"
    if hosts != 1:
        raise ProtocolError("A request needs exactly one Host header")
    lines = [b"%s %s HTTP/1.1\r\n" % (method_bytes, target)]
    lines.extend(b"%s: %s\r\n" % field for field in _framing_headers(headers)[0])
    lines.append(b"\r\n")
    return b"".join(lines)


def response_head(buffer: bytearray, method: str) -> Head | None:
    """The response head at the start of ``buffer``, taken out of it; ``None`` until it has all arrived. An
    interim (1xx) response is taken out and returned like a final one: the caller reads on."""
    if buffer and buffer[0] < 0x21:  # no status line starts so: refused at once, as h11 does, not at a blank line
        raise ProtocolError(f"illegal status line: {bytes(buffer[:20])!r}")
    end = _BLANK_LINE.search(buffer)
    if end is None:
        if len(buffer) > MAX_HEAD:
            raise ProtocolError(f"Response head larger than {MAX_HEAD} bytes")
        return None
    if end.end() > MAX_HEAD:  # h11 takes it if it came in one piece; the limit should not depend on that
        raise ProtocolError(f"Response head larger than {MAX_HEAD} bytes")
    lines = _lines(bytes(buffer[: end.end()]))
    del buffer[: end.end()]
    status_line = _STATUS_LINE.fullmatch(lines[0])
    if status_line is None:
        raise ProtocolError(f"illegal status line: {lines[0]!r}")
    version, status = status_line[1], int(status_line[2])
    if status < 100:
        raise ProtocolError(f"status code {status} is not in [100, 1000)")
    headers, length, chunked = _framing_headers(_fields(lines[1:]))
    if status == 101:
        raise ProtocolError("101 Switching Protocols, to a request that proposed no switch")
    tunnel = method == "CONNECT" and 200 <= status < 300  # the connection is no longer HTTP's, as in h11
    # Both a Transfer-Encoding and a Content-Length: read as chunked, as h11 reads it, but the connection is not
    # reused (RFC 9112 section 6.3: it may be an attempt at response splitting); h11 would reuse it.
    ambiguous = chunked and length is not None
    close = tunnel or ambiguous or version < b"1.1" or closes(headers)
    body = _framing(status, method, length, chunked)
    return Head(status, status_line[3] or b"", version, headers, body, not close)


def _lines(head: bytes) -> list[bytes]:
    """A head's lines, without their ends (CRLF, or a bare LF as h11 takes it), nor the blank line."""
    lines = head.split(b"\n")[:-2]
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def _fields(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """Header lines as (name, value), an obs-fold continuation joined to its line with a space, as h11 does."""
    fields: list[tuple[bytes, bytes]] = []
    last: bytes | None = None
    for line in lines:
        if (fold := _FOLD.match(line)) is not None:
            if last is None:
                raise ProtocolError("continuation line at start of headers")
            last += b" " + line[fold.end() :]
            continue
        if last is not None:
            fields.append(_field(last))
        last = line
    if last is not None:
        fields.append(_field(last))
    return fields


def _field(line: bytes) -> tuple[bytes, bytes]:
    if (field := _FIELD.fullmatch(line)) is None:
        raise ProtocolError(f"illegal header line: {line!r}")
    return field[1], field[2]


def closes(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a message's ``Connection`` header says the connection closes after it."""
    return b"close" in _comma_values(headers, b"connection")


def _comma_values(headers: list[tuple[bytes, bytes]], name: bytes) -> list[bytes]:
    return [
        part.strip().lower()
        for key, value in headers
        if key.lower() == name
        for part in value.split(b",")
        if part.strip()
    ]


def _framing_headers(headers: list[tuple[bytes, bytes]]) -> tuple[list[tuple[bytes, bytes]], bytes | None, bool]:
    """The headers as h11 keeps them, with its checks of the two that frame a body: a Content-Length's value
    reduced to its one number and given once, a Transfer-Encoding's lowercased; then the length, and if chunked."""
    kept: list[tuple[bytes, bytes]] = []
    length: bytes | None = None
    chunked = False
    for name, value in headers:
        key = name.lower()
        if key == b"content-length":
            given = {part.strip() for part in value.split(b",")}
            if len(given) != 1 or _LENGTH.fullmatch(number := given.pop()) is None:
                raise ProtocolError(f"bad Content-Length: {value!r}")
            if length is None:
                kept.append((name, length := number))
            elif number != length:
                raise ProtocolError("conflicting Content-Length headers")
        elif key == b"transfer-encoding":
            if chunked:
                raise ProtocolError("multiple Transfer-Encoding headers")
            if (value := value.lower()) != b"chunked":
                raise ProtocolError(f"Only Transfer-Encoding: chunked is supported, got {value!r}")
            kept.append((name, value))
            chunked = True
        else:
            kept.append((name, value))
    return kept, length, chunked


def _framing(status: int, method: str, length: bytes | None, chunked: bool) -> Length | Chunked | UntilClose:
    """How the body ends (RFC 9112 section 6.3, and h11's answer to a CONNECT: no body, the tunnel follows)."""
    if status < 200 or status in (204, 304) or method == "HEAD" or (method == "CONNECT" and status < 300):
        return Length(0)
    if chunked:
        return Chunked()
    if length is not None:
        return Length(int(length))
    return UntilClose()


class Length:
    """A body of ``Content-Length`` bytes."""

    __slots__ = ("left",)

    def __init__(self, length: int) -> None:
        self.left = length

    @property
    def done(self) -> bool:
        return self.left == 0

    def take(self, buffer: bytearray) -> bytes:
        """The body's bytes that have arrived, taken out of ``buffer``; what follows them stays."""
        count = min(self.left, len(buffer))
        data = bytes(buffer[:count])
        del buffer[:count]
        self.left -= count
        return data

    def end_of_stream(self) -> None:
        if self.left:
            raise ProtocolError(f"peer closed connection without sending complete message body ({self.left} bytes "
                                "short)")  # fmt: skip


class UntilClose:
    """A body with neither length nor chunks: it ends when the server closes the connection."""

    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = False

    def take(self, buffer: bytearray) -> bytes:
        data = bytes(buffer)
        buffer.clear()
        return data

    def end_of_stream(self) -> None:
        self.done = True


class Chunked:
    """A chunked body: each chunk's size line, its data and CRLF (checked: CVE-2025-43859 was a lax one), then the
    trailer section, read and checked as h11 checks headers, and dropped, as httpcore drops them."""

    __slots__ = ("crlf", "done", "left", "trailer")

    def __init__(self) -> None:
        self.done = self.trailer = False
        self.left = 0  # of the current chunk's data
        self.crlf = b""  # of the current chunk's end, still to come

    def take(self, buffer: bytearray) -> bytes:
        parts: list[bytes] = []
        while not self.done:
            if self.trailer:
                if buffer[:2] == b"\r\n" or buffer[:1] == b"\n":
                    del buffer[: 2 if buffer[:1] == b"\r" else 1]
                    self.done = True
                elif (end := _BLANK_LINE.search(buffer)) is not None:
                    _framing_headers(_fields(_lines(bytes(buffer[: end.end()]))))
                    del buffer[: end.end()]
                    self.done = True
                elif len(buffer) > MAX_HEAD:
                    raise ProtocolError(f"Trailer section larger than {MAX_HEAD} bytes")
                break
            if self.crlf:
                seen = bytes(buffer[: len(self.crlf)])
                if seen != self.crlf[: len(seen)]:
                    raise ProtocolError(f"malformed chunk footer: {seen!r} (expected {self.crlf!r})")
                del buffer[: len(seen)]
                self.crlf = self.crlf[len(seen) :]
                if self.crlf:
                    break
            if self.left == 0:
                end_of_line = buffer.find(b"\r\n")
                if end_of_line < 0:
                    if len(buffer) > MAX_HEAD:
                        raise ProtocolError(f"Chunk size line larger than {MAX_HEAD} bytes")
                    break
                line = bytes(buffer[: end_of_line + 2])
                if (size := _CHUNK_SIZE.fullmatch(line)) is None:
                    raise ProtocolError(f"illegal chunk header: {line!r}")
                del buffer[: end_of_line + 2]
                self.left = int(size[1], 16)
                if self.left == 0:
                    self.trailer = True
                    continue
            if not buffer:
                break
            count = min(self.left, len(buffer))
            parts.append(bytes(buffer[:count]))
            del buffer[:count]
            self.left -= count
            if self.left == 0:
                self.crlf = b"\r\n"
        return b"".join(parts)

    def end_of_stream(self) -> None:
        if not self.done:
            raise ProtocolError("peer closed connection without sending complete message body (incomplete chunked "
                                "read)")  # fmt: skip
