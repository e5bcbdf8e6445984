"""``_http11`` held to h11 0.16, the parser it replaces: on generated responses (arriving in random pieces) and
requests both must refuse, or both accept with the same heads, body and answer on reusing the connection. The named
cases after them state the properties the kill switch's cancels rely on."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TypeVar

import h11
import pytest
from clear_street._http11 import (
    MAX_HEAD,
    Chunked,
    Head,
    Length,
    ProtocolError,
    UntilClose,
    request_head,
    response_head,
)
from hypothesis import given, settings
from hypothesis import strategies as st

REFUSED = "refused"
HeadSeen = tuple[int, bytes, bytes, list[tuple[bytes, bytes]]]
Outcome = tuple[list[HeadSeen], bytes, bool] | str
"""(heads, interim ones first; the body; whether the connection can carry the next request), or ``REFUSED``."""

METHODS = ("GET", "DELETE", "POST", "HEAD", "CONNECT")


def _target(method: str) -> bytes:
    return b"example.com:443" if method == "CONNECT" else b"/v1/accounts/1/orders"


def by_h11(method: str, pieces: list[bytes]) -> Outcome:
    """What httpcore's h11 makes of a response arriving in ``pieces``, then the end of the stream."""
    connection = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
    connection.send(h11.Request(method=method, target=_target(method), headers=[(b"Host", b"example.com")]))
    connection.send(h11.EndOfMessage())
    heads: list[HeadSeen] = []
    body = bytearray()
    try:
        for piece in [*pieces, b""]:  # b"" is the end of the stream
            connection.receive_data(piece)
            while (event := connection.next_event()) not in (h11.NEED_DATA, h11.PAUSED):
                if isinstance(event, h11.InformationalResponse | h11.Response):
                    headers = [(bytes(name), bytes(value)) for name, value in event.headers.raw_items()]
                    heads.append((event.status_code, bytes(event.reason), bytes(event.http_version), headers))
                    if connection.their_state is h11.SWITCHED_PROTOCOL:  # a CONNECT's tunnel: no body, no reuse
                        return heads, b"", False
                elif isinstance(event, h11.Data):
                    body += event.data
                elif isinstance(event, h11.EndOfMessage):
                    reusable = bool(piece) and connection.their_state is h11.DONE and not _ambiguous(heads[-1][3])
                    return heads, bytes(body), reusable
    except h11.RemoteProtocolError:
        return REFUSED
    raise AssertionError("h11 neither finished the response nor refused it")


def _ambiguous(headers: list[tuple[bytes, bytes]]) -> bool:
    """Framed by both Transfer-Encoding and Content-Length: h11 reuses the connection, we deliberately do not
    (RFC 9112 section 6.3: it may be an attempt at response splitting)."""
    names = {name.lower() for name, _ in headers}
    return b"transfer-encoding" in names and b"content-length" in names


def by_us(method: str, pieces: list[bytes]) -> Outcome:
    """What ``_http11`` makes of the same, driven as ``_network`` drives it."""
    buffer = bytearray()
    heads: list[HeadSeen] = []
    body = bytearray()
    final: Head | None = None
    try:
        for piece in pieces:
            buffer += piece
            while final is None and buffer and (head := response_head(buffer, method)) is not None:
                heads.append((head.status, head.reason, head.http_version, head.headers))
                final = head if head.status >= 200 else None
            if final is not None:
                if buffer:
                    body += final.body.take(buffer)
                if final.body.done:
                    return heads, bytes(body), final.keep_alive and not isinstance(final.body, UntilClose)
        if final is None:
            return REFUSED  # closed before a whole response: _network's RemoteProtocolError
        final.body.end_of_stream()
        return heads, bytes(body), False
    except ProtocolError:
        return REFUSED


def split(data: bytes, cuts: Iterable[int]) -> list[bytes]:
    """``data`` in pieces, cut at ``cuts``; never an empty piece (to h11, that is the end of the stream)."""
    bounds = [0, *sorted(cut % (len(data) + 1) for cut in cuts), len(data)]
    return [data[start:end] for start, end in itertools.pairwise(bounds) if end > start]


def agree(method: str, data: bytes, cuts: Iterable[int] = ()) -> Outcome:
    """Both parsers' outcome, which must be the same."""
    pieces = split(data, cuts)
    ours, theirs = by_us(method, pieces), by_h11(method, pieces)
    assert ours == theirs, (method, data, pieces)
    return ours


# --- generated responses ---

T = TypeVar("T")
Choice = tuple[st.SearchStrategy[T], st.SearchStrategy[T] | None]
"""A part's usual values, and its odd ones (``None``: it has none)."""

ODDNESS = st.sampled_from([0, 0, 40, 12, 4])
"""How often a response's parts are odd: never, or one time in so many."""
ODDS = {odd: st.sampled_from([True] + [False] * (odd - 1)) for odd in (40, 12, 4)}


class Pick:
    """Draws a part: one of its usual values, or one time in ``odd`` (``0``: never) one of its odd ones."""

    def __init__(self, draw: st.DrawFn, odd: int) -> None:
        self.draw, self.odd = draw, odd

    def __call__(self, choice: Choice[T]) -> T:
        usual, odd = choice
        if odd is not None and self.odd and self.draw(ODDS[self.odd]):
            return self.draw(odd)
        return self.draw(usual)


def choice(usual: list[T] | st.SearchStrategy[T], odd: list[T] | st.SearchStrategy[T] | None = None) -> Choice[T]:
    return (
        st.sampled_from(usual) if isinstance(usual, list) else usual,
        st.sampled_from(odd) if isinstance(odd, list) else odd,
    )


EOL = choice([b"\r\n", b"\r\n", b"\r\n", b"\n"], [b"\r", b"\n\r"])  # bare LF is one of h11's leniencies
OWS = choice([b"", b"", b" ", b"\t", b"  \t"])
TEXT = choice(
    [b"", b"1", b"text/html; charset=utf-8", b"a  b", b"\xe9t\xe9", b"\x80\xff", b"!#$%&'*+-.^_`|~"],
    st.binary(max_size=8) | st.sampled_from([b"x\x00y", b"a\rb", b"\x7f", b"a\x0bb"]),
)
LENGTHS = choice(
    [b"0", b"3", b"3, 3", b"3,3", b"03", b"1" * 20], [b"3, 4", b"-1", b"+3", b"", b"1" * 21, b"0x3", b",3"]
)
ENCODINGS = choice([b"chunked", b"Chunked", b"CHUNKED"], [b"chunked, chunked", b"gzip, chunked", b"gzip", b""])
CONNECTIONS = choice([b"close", b"Close", b"keep-alive", b"keep-alive, close", b" ,close", b"closed", b"upgrade"])
NAMED = {b"content-length": LENGTHS, b"transfer-encoding": ENCODINGS, b"connection": CONNECTIONS}
NAMES = choice(
    [b"Content-Length", b"transfer-encoding", b"CONNECTION", b"Content-Type", b"Set-Cookie", b"Upgrade", b"X-Id"],
    st.binary(max_size=5) | st.sampled_from([b"Bad Name", b"X\x00", b""]),
)
COLONS = choice([b":"], [b" :", b""])
FOLDS = choice(st.just(0), st.integers(1, 2))  # obs-fold: continuation lines
FOLD_STARTS = choice([b" ", b"\t", b" \t"])
VALUES_AS_TEXT = st.sampled_from([True, False, False, False])


def field_line(pick: Pick, name: bytes | None = None, value: bytes | None = None) -> bytes:
    """One header line (with its end): obs-fold continuations, whitespace, and bytes 0x00-0xff in odd ones."""
    name = pick(NAMES) if name is None else name
    if value is None:
        usual = NAMED.get(name.lower())
        value = pick(TEXT if usual is None or pick.draw(VALUES_AS_TEXT) else usual)
    line = name + pick(COLONS) + pick(OWS) + value + pick(OWS) + pick(EOL)
    for _ in range(pick(FOLDS)):
        line += pick(FOLD_STARTS) + pick(TEXT) + pick(OWS) + pick(EOL)
    return line


FIELD_COUNTS = choice(st.integers(0, 3))
VERSIONS = choice([b"1.1", b"1.1", b"1.1", b"1.0", b"0.9", b"2.0"], [b"1.", b"11", b"a.1", b"1.1 "])
REASONS = choice(st.none() | st.sampled_from([b"", b"OK", b"No Content", b" odd\treason ", b"\xe9"]), st.binary())
PREFIXES = choice([b"HTTP/"], [b"http/", b" HTTP/", b"\r\nHTTP/", b"\nHTTP/", b"HTTP/1.1 "])
INTERIM = choice([b"100", b"102", b"103", b"199"], [b"101", b"099", b"10", b"1000"])
FINAL = choice([b"200", b"201", b"204", b"304", b"404", b"999"], [b"101", b"100", b"000", b"20"])


def status_line(pick: Pick, statuses: Choice[bytes]) -> bytes:
    version, status, reason = pick(VERSIONS), pick(statuses), pick(REASONS)
    return pick(PREFIXES) + version + b" " + status + (b"" if reason is None else b" " + reason) + pick(EOL)


SIZE_ERRORS = choice(st.just(0), st.sampled_from([-1, 1]))
SIZE_FORMS = choice([b"%x", b"%X", b"00%x"])
EXTENSIONS = choice([b"", b"", b";a=b", b'; name="v"', b";", b" ", b"\t ", b";x\r", b";\x80\xff"], [b" ;a", b"g"])
SIZE_ENDS = choice([b"\r\n"], [b"\n", b"\r"])
FOOTERS = choice([b"\r\n"], [b"\n", b"", b"\r", b"XX", b"\r\r\n", b"\n\r", b" \r\n"])  # CVE-2025-43859's class
LAST_CHUNKS = choice([b"0", b"000", b"0;ext=1", b"0 "], [b"", b"00x"])
TRAILER_COUNTS = choice(st.integers(0, 2))


def chunked(pick: Pick, payload: list[bytes]) -> bytes:
    """``payload`` as chunks: sizes in either case, zero-padded, extensions, a trailer section; in odd ones, wrong
    sizes, and footers that are not CRLF."""
    out = b""
    for data in payload:
        size = pick(SIZE_FORMS) % max(len(data) + pick(SIZE_ERRORS), 0)
        out += size + pick(EXTENSIONS) + pick(SIZE_ENDS) + data + pick(FOOTERS)
    trailers = b"".join(field_line(pick) for _ in range(pick(TRAILER_COUNTS)))
    return out + pick(LAST_CHUNKS) + b"\r\n" + trailers + pick(EOL)


PAYLOADS = st.lists(st.binary(min_size=1, max_size=10), max_size=3)
FRAMINGS = st.sampled_from(["length", "chunked", "close"])
INTERIMS = choice([0, 0, 1], st.integers(1, 3))
LENGTH_FORMS = choice([b"%d", b"%d, %d", b" %d"], [b"%d0", b"0"])
CHANGES = choice(st.just([]), st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 255), st.booleans()), max_size=3))
CUT_SHORT = choice(st.none(), st.integers(0, 2000))
AFTER = choice([b""], [b"HTTP/1.1 200 OK\r\n\r\n", b"junk"])


@st.composite
def responses(draw: st.DrawFn) -> bytes:
    """1xx heads, then a final head whose headers frame its body by length, by chunks or by the close of the
    stream; in odd ones, odd versions, statuses and reasons, headers odd or in conflict, chunks odd, bytes
    0x00-0xff changed or put in, the stream cut short or run on."""
    pick = Pick(draw, draw(ODDNESS))
    data = b""
    for _ in range(pick(INTERIMS)):
        data += status_line(pick, INTERIM) + b"".join(field_line(pick) for _ in range(pick(FIELD_COUNTS)))
        data += pick(EOL)
    head = status_line(pick, FINAL)
    payload = draw(PAYLOADS)
    fields = [field_line(pick) for _ in range(pick(FIELD_COUNTS))]
    framing = draw(FRAMINGS)
    if framing == "length":
        length = b"%d" % len(b"".join(payload))
        fields.append(field_line(pick, b"Content-Length", pick(LENGTH_FORMS).replace(b"%d", length)))
        body = b"".join(payload)
    elif framing == "chunked":
        fields.append(field_line(pick, b"Transfer-Encoding"))
        body = chunked(pick, payload)
    else:
        fields.append(field_line(pick, b"Connection"))
        body = b"".join(payload)
    data += head + b"".join(draw(st.permutations(fields))) + pick(EOL) + body
    for index, byte, insert in pick(CHANGES):
        index %= len(data) + 1
        data = data[:index] + bytes([byte]) + data[index + (0 if insert else 1) :]
    if (short := pick(CUT_SHORT)) is not None:
        data = data[: short % (len(data) + 1)]
    return data + pick(AFTER)


WELL_FORMED_STATUSES = st.sampled_from([b"200 OK", b"200 ", b"204 No Content", b"304 Not Modified", b"404 Not Found"])


@st.composite
def well_formed_responses(draw: st.DrawFn) -> bytes:
    """Responses as a server should send them: both parsers must take them."""
    head = b"HTTP/1.1 100 Continue\r\n\r\n" * draw(st.integers(0, 2))
    head += b"HTTP/1.1 " + draw(WELL_FORMED_STATUSES) + b"\r\nContent-Type: application/json\r\n"
    payload = draw(PAYLOADS)
    framing = draw(FRAMINGS)
    if framing == "length":
        return head + b"Content-Length: %d\r\n\r\n" % len(b"".join(payload)) + b"".join(payload)
    if framing == "chunked":
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(data), data) for data in payload)
        return head + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"
    return head + b"Connection: close\r\n\r\n" + b"".join(payload)


CUTS = st.lists(st.integers(0, 2000), max_size=6)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.sampled_from(METHODS), responses(), CUTS)
def test_any_response_in_any_pieces_is_read_as_h11_reads_it(method: str, data: bytes, cuts: list[int]) -> None:
    agree(method, data, cuts)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.sampled_from(METHODS), well_formed_responses(), CUTS)
def test_well_formed_responses_are_accepted_as_h11_accepts_them(method: str, data: bytes, cuts: list[int]) -> None:
    outcome = agree(method, data, cuts)
    assert outcome != REFUSED, data


# --- generated requests ---

HEADER_NAMES = st.sampled_from(
    [b"Host", b"host", b"Content-Length", b"Transfer-Encoding", b"Authorization", b"X-Request-Id", b"Bad Name", b""]
) | st.binary(max_size=5)
HEADER_VALUES = (
    st.sampled_from(
        [b"example.com", b"5", b"5, 5", b"5, 6", b"chunked", b"Chunked", b"gzip", b"a  b", b" a", b"a ", b"a\tb", b""]
    )
    | st.sampled_from([b"a\r\nX-Injected: 1", b"a\nb", b"a\rb", b"a\x00b", b"\xe9t\xe9", b"a\x7fb", b"\x0bb"])
    | st.binary(max_size=6)
)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(
    st.sampled_from(["GET", "DELETE", "M-SEARCH", "get", "GET ", "G\u00c9T", "", "GE\nT"]) | st.text(max_size=5),
    st.sampled_from([b"/", b"/v1/accounts/1/orders?x=1&y=%20", b"*", b"example.com:443", b"/a b", b"/\x00"])
    | st.binary(min_size=1, max_size=5),
    st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=4),
    st.sampled_from([[(b"Host", b"example.com")]] * 4 + [[], [(b"Host", b"a"), (b"host", b"b")]]),
)
def test_requests_are_refused_and_written_as_h11_refuses_and_writes_them(
    method: str, target: bytes, fields: list[tuple[bytes, bytes]], host: list[tuple[bytes, bytes]]
) -> None:
    headers = host + fields
    try:
        theirs = h11.Connection(h11.CLIENT).send(h11.Request(method=method, target=target, headers=headers))
    except (h11.LocalProtocolError, UnicodeEncodeError):  # h11 takes only ASCII str
        theirs = None
    try:
        ours = request_head(method, target, headers)
    except ProtocolError:
        ours = None
    assert (ours is None) == (theirs is None), (method, target, headers)
    if ours is None or theirs is None:
        return
    if all(name.lower() != b"host" for name, _ in fields):  # h11 writes Host first; so do httpx's requests
        assert ours == theirs
    assert parsed_request(ours) == parsed_request(theirs)


def parsed_request(data: bytes) -> tuple[bytes, bytes, list[tuple[bytes, bytes]]]:
    """A request head as an h11 server reads it, its Host header moved first (where h11 writes it)."""
    server = h11.Connection(h11.SERVER)
    server.receive_data(data)
    request = server.next_event()
    assert isinstance(request, h11.Request)
    headers = sorted(request.headers.raw_items(), key=lambda field: field[0].lower() != b"host")
    return request.method, request.target, headers


# --- the properties by name ---


def test_a_header_value_that_would_forge_another_header_is_refused() -> None:
    for value in (b"1\r\nX-Injected: 1", b"1\nX-Injected: 1", b"1\rX", b"1\x00", b" 1", b"1 "):
        with pytest.raises(ProtocolError):
            request_head("DELETE", b"/", [(b"Host", b"a"), (b"X-Request-Id", value)])
    for name in (b"X\r\nY", b"X Y", b"X:", b""):
        with pytest.raises(ProtocolError):
            request_head("DELETE", b"/", [(b"Host", b"a"), (name, b"1")])
    for method, target in (("DELETE /x HTTP/1.1\r\nX", b"/"), ("DELETE", b"/ HTTP/1.1\r\nX: 1\r\n\r\nDELETE /")):
        with pytest.raises(ProtocolError):
            request_head(method, target, [(b"Host", b"a")])


def test_a_request_that_could_be_read_as_two_is_refused() -> None:
    for headers in (
        [],
        [(b"Host", b"a"), (b"Host", b"b")],
        [(b"Host", b"a"), (b"Content-Length", b"5"), (b"Content-Length", b"6")],
        [(b"Host", b"a"), (b"Content-Length", b"5, 6")],
        [(b"Host", b"a"), (b"Transfer-Encoding", b"gzip")],
        [(b"Host", b"a"), (b"Transfer-Encoding", b"chunked"), (b"Transfer-Encoding", b"chunked")],
    ):
        with pytest.raises(ProtocolError):
            request_head("DELETE", b"/", headers)


def test_a_request_head_is_written_as_given() -> None:
    headers = [(b"Host", b"api.test"), (b"X-Api-Key", b"k"), (b"Content-Length", b"2, 2")]
    assert request_head("DELETE", b"/v1/a?b=1", headers) == (
        b"DELETE /v1/a?b=1 HTTP/1.1\r\nHost: api.test\r\nX-Api-Key: k\r\nContent-Length: 2\r\n\r\n"
    )


@pytest.mark.parametrize(
    "footer",
    [b"XX", b"\n", b"\r", b"\rX", b"\n\r", b"", b" \r\n"],
    ids=["XX", "LF", "CR", "CR-X", "LF-CR", "none", "SP"],
)
def test_a_chunk_footer_that_is_not_crlf_is_refused(footer: bytes) -> None:
    # CVE-2025-43859: h11 before 0.16 took any two bytes after a chunk's data, so a proxy and a server could read
    # different bodies (or requests) from the same bytes.
    data = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello" + footer + b"0\r\n\r\n"
    for cuts in ([], *([cut] for cut in range(len(data)))):
        assert agree("GET", data, cuts) == REFUSED


def test_a_response_head_over_the_limit_is_refused_however_it_arrives() -> None:
    data = b"HTTP/1.1 200 OK\r\n" + b"X-Filler: %s\r\n" % (b"a" * 1000) * 110 + b"Content-Length: 0\r\n\r\n"
    assert len(data) > MAX_HEAD
    assert agree("GET", data, list(range(0, len(data), 4096))) == REFUSED
    with pytest.raises(ProtocolError, match="larger than"):
        response_head(bytearray(data), "GET")  # h11 takes it when it comes in one piece; we do not
    with pytest.raises(ProtocolError, match="larger than"):
        response_head(bytearray(data[:-4]), "GET")  # nor wait for the rest
    just = b"HTTP/1.1 200 OK\r\nX: %s\r\n\r\n" % b"a".ljust(MAX_HEAD - 24, b"a")
    assert len(just) == MAX_HEAD
    assert response_head(bytearray(just), "GET") is not None


def test_a_chunk_size_line_or_trailer_over_the_limit_is_refused() -> None:
    for rest in (b"5;" + b"e" * MAX_HEAD, b"0\r\nX: " + b"a" * MAX_HEAD):
        data = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + rest
        assert agree("GET", data, list(range(0, len(data), 8192))) == REFUSED
        buffer = bytearray(data)
        head = response_head(buffer, "GET")
        assert head is not None
        assert isinstance(head.body, Chunked)
        with pytest.raises(ProtocolError, match="larger than"):
            head.body.take(buffer)


CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
    b"5;name=value\r\nhello\r\n1A \r\n" + bytes(range(26)) + b"\r\n0\r\nX-Trailer: t\r\n\r\n"
)


@pytest.mark.parametrize(
    "data",
    [CHUNKED, b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", b"HTTP/1.0 200 OK\r\n\r\nhello world"],
    ids=["chunked", "length", "until-close"],
)
def test_a_body_split_at_every_byte_boundary_reads_the_same(data: bytes) -> None:
    whole = agree("GET", data)
    assert whole != REFUSED
    assert whole[1] in (b"hello" + bytes(range(26)), b"hello world")
    for cut in range(len(data) + 1):
        assert agree("GET", data, [cut]) == whole
    assert agree("GET", data, list(range(len(data)))) == whole  # a byte at a time


def test_what_follows_a_body_stays_in_the_buffer() -> None:
    buffer = bytearray(CHUNKED + b"HTTP/1.1 204 No Content\r\n\r\n")
    head = response_head(buffer, "GET")
    assert head is not None
    assert head.keep_alive
    assert head.body.take(buffer) == b"hello" + bytes(range(26))
    assert head.body.done
    assert buffer == b"HTTP/1.1 204 No Content\r\n\r\n"


def test_interim_heads_are_returned_before_the_final_one() -> None:
    buffer = bytearray(
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\n"
    )
    first, second = response_head(buffer, "DELETE"), response_head(buffer, "DELETE")
    assert first is not None
    assert (first.status, first.reason) == (100, b"Continue")
    assert second is not None
    assert (second.status, second.headers) == (103, [(b"Link", b"</a>")])
    assert response_head(buffer, "DELETE") is None  # the final head has not all arrived
    buffer += b"Content-Length: 2\r\n\r\nok"
    final = response_head(buffer, "DELETE")
    assert final is not None
    assert final.status == 200
    assert final.body.take(buffer) == b"ok"


@pytest.mark.parametrize(
    "data",
    [
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n",  # to a request that proposed no switch
        b"HTTP/1.1 099 Low\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n Folded: at the start\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1  200 OK\r\n\r\n",
        b"HTTP/11 200 OK\r\n\r\n",
        b"\r\nHTTP/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: x\r\n\r\n",  # in a trailer
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",  # closed mid-chunk
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel",  # closed short
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n",  # closed mid-head
    ],
)
def test_malformed_responses_are_refused(data: bytes) -> None:
    assert agree("GET", data) == REFUSED


def test_a_first_byte_that_cannot_start_a_status_line_is_refused_at_once() -> None:
    for start in (b"\r", b"\n", b" ", b"\x00"):
        with pytest.raises(ProtocolError):
            response_head(bytearray(start), "GET")  # not waiting for a blank line that may never come


@pytest.mark.parametrize(
    ("data", "reason", "headers", "body", "reusable"),
    [
        (b"HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", b"", [(b"Content-Length", b"0")], b"", True),
        (b"HTTP/1.1 200 OK\nX:  a  b \t\n\n", b"OK", [(b"X", b"a  b")], b"", False),  # bare LF; until close
        (
            b"HTTP/1.1 200 OK\r\nX: a\r\n  b\r\n\tc\r\nContent-Length: 0\r\n\r\n",
            b"OK",
            [(b"X", b"a b c"), (b"Content-Length", b"0")],
            b"",
            True,
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\ncontent-length: 2\r\n\r\nok",
            b"OK",
            [(b"Content-Length", b"2")],
            b"ok",
            True,
        ),
        (
            b"HTTP/1.1 200 \xe9\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n",
            b"\xe9",
            [(b"Connection", b"keep-alive, Close"), (b"Content-Length", b"0")],
            b"",
            False,
        ),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", b"OK", [(b"Content-Length", b"0")], b"", False),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 99\r\n\r\n2\r\nok\r\n0\r\n\r\n",
            b"OK",
            [(b"Transfer-Encoding", b"chunked"), (b"Content-Length", b"99")],
            b"ok",
            False,
        ),  # chunked wins, and the connection is not reused (h11 would reuse it)
    ],
)
def test_accepted_responses_read_as_sent(
    data: bytes, reason: bytes, headers: list[tuple[bytes, bytes]], body: bytes, reusable: bool
) -> None:
    outcome = agree("GET", data)
    assert not isinstance(outcome, str)  # not REFUSED
    ((_, seen_reason, _, seen_headers),), seen_body, seen_reusable = outcome
    assert (seen_reason, seen_headers, seen_body, seen_reusable) == (reason, headers, body, reusable)


@pytest.mark.parametrize(
    ("method", "status"), [("HEAD", b"200"), ("GET", b"204"), ("GET", b"304"), ("CONNECT", b"200")]
)
def test_responses_without_a_body(method: str, status: bytes) -> None:
    data = b"HTTP/1.1 %s X\r\nContent-Length: 5\r\n\r\nhello" % status
    buffer = bytearray(data)
    head = response_head(buffer, method)
    assert head is not None
    assert isinstance(head.body, Length)
    assert head.body.done
    assert buffer == b"hello"
    assert head.keep_alive is (method != "CONNECT")  # a CONNECT's 2xx turns the connection into a tunnel
    assert agree(method, data) == ([(int(status), b"X", b"1.1", [(b"Content-Length", b"5")])], b"", method != "CONNECT")


def test_the_end_of_the_stream_ends_only_an_until_close_body() -> None:
    for framing in (Length(3), Chunked()):
        with pytest.raises(ProtocolError, match="peer closed"):
            framing.end_of_stream()
    until_close = UntilClose()
    assert until_close.take(bytearray(b"abc")) == b"abc"
    assert not until_close.done
    until_close.end_of_stream()
    assert until_close.done


def test_every_byte_is_taken_or_refused_as_h11_does_it() -> None:
    # h11 takes control bytes and DEL in a value (RFC 9110 section 5.5 lets a recipient keep them); what it refuses
    # is what could end the line or the value: NUL, CR, LF, VT and FF.
    refused_in_values = set()
    for byte in range(256):
        x = bytes([byte])
        for data in (
            b"HTTP/1.1 200 OK\r\nX: a%sb\r\nContent-Length: 0\r\n\r\n" % x,
            b"HTTP/1.1 200 OK\r\nX%s: a\r\nContent-Length: 0\r\n\r\n" % x,
            b"HTTP/1.1 200 O%sK\r\nContent-Length: 0\r\n\r\n" % x,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;%s\r\nx\r\n0\r\n\r\n" % x,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r%s0\r\n\r\n" % x,
        ):
            agree("GET", data)
        headers = [(b"Host", b"a"), (b"X", b"a%sb" % x)]
        try:
            request_head("DELETE", b"/", headers)
        except ProtocolError:
            refused_in_values.add(byte)
            with pytest.raises(h11.LocalProtocolError):
                h11.Request(method="DELETE", target="/", headers=headers)
    assert refused_in_values == {0x00, 0x0A, 0x0B, 0x0C, 0x0D}
