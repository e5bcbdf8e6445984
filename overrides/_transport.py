"""Sending one operation: the URL, auth and headers added per request, retries, and logging.

The caller's ``httpx.Client`` is never mutated: everything of ours travels on the request, so one pool can serve
many configured copies of a client (``with_options``) and the caller's own hooks, proxies and transports apply.
"""

from __future__ import annotations

import logging
import math
import os
import random
import re
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode

import httpx

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error,
)

log = logging.getLogger("clear_street")

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A server's Retry-After above this is ignored in favour of our own backoff: a kill switch must not stall."""
_RETRY_STATUSES = frozenset({408, 409, 429})


class Settings(NamedTuple):
    """What a client adds to every request. Built once per client, so a call does no option handling."""

    base_url: str
    headers: httpx.Headers  # httpx copies a Headers as a list; a dict it would parse on every request
    timeout: httpx.Timeout


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first retry).

    A ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date) from the server above 0 and up to 60 s wins,
    as in the official SDK; otherwise exponential backoff from 0.5 s, capped at 8 s, less up to 25% jitter so that
    clients do not retry in step.
    """
    if response is not None:
        after = _retry_after(response.headers)
        if after is not None and 0 < after <= MAX_RETRY_AFTER:
            return after
    delay = min(INITIAL_RETRY_DELAY * 2.0 ** min(attempt, 16), MAX_RETRY_DELAY)  # 2.0**1024 would overflow
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: httpx.Headers) -> float | None:
    """The first of ``retry-after-ms``, ``Retry-After`` in seconds, ``Retry-After`` as an HTTP date that reads as
    a number of seconds: one that does not leaves the next its say."""
    if (milliseconds := _number(headers.get("retry-after-ms"))) is not None:
        return milliseconds / 1000
    if (value := headers.get("retry-after")) is None:
        return None
    if (seconds := _number(value)) is not None:
        return seconds
    import email.utils  # lazily: only this rare form needs it, and it costs 8 ms at import

    try:
        return email.utils.parsedate_to_datetime(value).timestamp() - time.time()  # an HTTP date
    except (ValueError, TypeError, OverflowError):  # parsedate_to_datetime raises any of these on garbage
        return None


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def should_retry(error: APIError) -> bool:
    """What the server's ``x-should-retry: true|false`` says, as in the official SDK; otherwise connection
    failures, timeouts, 408, 409, 429 and 5xx, never another 4xx, an invalid success body, or a request the
    transport refused to write (a CR or LF in a header value, a scheme it does not speak): it would be refused
    again."""
    if isinstance(error, APIStatusError):
        verdict = error.response.headers.get("x-should-retry")
        if verdict in ("true", "false"):
            return bool(verdict == "true")
        return error.status_code in _RETRY_STATUSES or error.status_code >= 500
    return isinstance(error, APIConnectionError) and not isinstance(error.__cause__, _UNSENDABLE)


_UNSENDABLE = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)


def build_request(
    http: httpx.Client | httpx.AsyncClient, settings: Settings, request: dict[str, Any], timeout: httpx.Timeout | None,
    extra_headers: Mapping[str, str] | None, extra_query: Mapping[str, str] | None,
    extra_body: Mapping[str, Any] | None,
) -> httpx.Request:  # fmt: skip
    """The ``httpx.Request`` for a generated ``request_kwargs`` result, with our base URL, headers and timeout.

    The generated builder has encoded the query already, as the spec's types and styles say (the commas that join
    an array stay literal; httpx would escape them). ``extra_query`` adds parameters the spec does not know; one
    that repeats the operation's own is refused, since the server would then see a filter twice.
    """
    url, query = settings.base_url + request["path"], request["query"]
    if extra_query:
        own = {part.partition("=")[0] for part in query.split("&")}
        if repeated := own.intersection(extra_query):
            raise ValueError(f"extra_query must not repeat the operation's own parameters: {sorted(repeated)}")
        extra = urlencode(extra_query, quote_via=quote)
        query = f"{query}&{extra}" if query else extra
    if query:
        url += "?" + query
    body = {**(request["json"] or {}), **extra_body} if extra_body else request["json"]
    headers = settings.headers
    if extra_headers:  # by name in any case: "authorization" replaces ours rather than going out beside it
        headers = httpx.Headers(headers)
        headers.update(extra_headers)
    built = http.build_request(request["method"], url, headers=headers, json=body, timeout=timeout or settings.timeout)
    if http.params:  # httpx 0.27 adds a client's default params to our query, 0.28 replaces our query with them
        built.url = httpx.URL(url)  # a filtered cancel-all must not go out unfiltered: send the URL we built
    return built


class Sent(NamedTuple):
    """A 2xx and how it came: the attempts before it, the seconds the whole call took, and an earlier attempt that
    may have reached the server (the 2xx may then describe a second look at a cancel the first one made)."""

    response: httpx.Response
    retries_taken: int
    elapsed: float
    earlier_attempt: APIError | None


class RetryWait(NamedTuple):
    """A call waiting to retry: the last attempt's error, which retry is due and in how many seconds, and an
    earlier attempt that may have reached the server (the last one included, when it may have)."""

    error: APIError
    retry: int
    retries: int
    delay: float
    reached: APIError | None

    def due(self) -> str:
        return f"retry {self.retry} of {self.retries} was due in {self.delay:.3g} s"


class RetryWatch:
    """Where a call, while it waits to retry, leaves what it waits for (``waiting``; None while an attempt runs).
    When a deadline or a stop ends that wait, the caller reports the last answer (a 429 refused the cancel) rather
    than doubt. Set for the calls of a context with ``watching_retries``."""

    __slots__ = ("waiting",)

    def __init__(self) -> None:
        self.waiting: RetryWait | None = None


_WATCH: ContextVar[RetryWatch | None] = ContextVar("clear_street_retry_watch", default=None)


@contextmanager
def watching_retries(watch: RetryWatch) -> Iterator[RetryWatch]:
    """``watch`` is told the retry waits of the calls made in this context (this task, under anyio)."""
    token = _WATCH.set(watch)
    try:
        yield watch
    finally:
        _WATCH.reset(token)


def _waiting(wait: RetryWait | None) -> None:
    if (watch := _WATCH.get()) is not None:
        watch.waiting = wait


class _TooLarge(Exception):
    """The body passed ``max_response_bytes`` (decoded): reading stopped there."""


class _Overdue(Exception):
    """The call's deadline passed while a body was arriving (a trickle that no per-read timeout catches)."""


class _Call:
    """One call's attempts: bounds each (the deadline, the body's size), judges it, logs it, and remembers an attempt
    that may have reached the server, so the final error can say the cancel may already have taken effect."""

    __slots__ = ("attempt", "chunks", "deadline", "inflate", "max_bytes", "max_retries", "reached", "request",
                 "seconds", "size", "start", "timeouts")  # fmt: skip

    def __init__(self, request: httpx.Request, max_retries: int, deadline: float | None, max_bytes: int) -> None:
        self.request, self.max_retries, self.max_bytes, self.seconds = request, max_retries, max_bytes, deadline
        self.attempt, self.start = 0, time.perf_counter()
        self.deadline = None if deadline is None else self.start + deadline
        self.timeouts: dict[str, float | None] = request.extensions["timeout"]
        self.reached: APIError | None = None
        self.chunks: list[bytes] = []
        self.size = 0
        self.inflate: Any = None  # a zlib decompressor

    def begin(self) -> float:
        """Start an attempt; with a deadline, its timeouts are cut to the time left."""
        _waiting(None)
        now = time.perf_counter()
        self.chunks, self.size = [], 0
        if self.deadline is not None:
            left = max(self.deadline - now, 0.001)
            self.request.extensions["timeout"] = {
                name: left if value is None else min(value, left) for name, value in self.timeouts.items()
            }
        return now

    def reads_raw(self, response: httpx.Response) -> bool:
        """Whether the body is read raw and inflated here: a gzip body is, so that no more than the cap is ever
        inflated (a bomb would otherwise expand a whole network read, a thousandfold). Other encodings, and a body
        its transport read already (a ``MockTransport``), come decoded by httpx: that one is not inflated again."""
        self.inflate = None
        if response.is_stream_consumed:
            return False
        encoding = response.headers.get("content-encoding")
        if encoding == "gzip":
            self.inflate = zlib.decompressobj(zlib.MAX_WBITS | 16)
        return encoding is None or self.inflate is not None

    def body(self, response: httpx.Response) -> Iterable[bytes]:
        """The body's chunks, raw or decoded as ``reads_raw`` says; one its transport read already, whole (httpx's
        generator over a body already read costs 2 µs, a sixth of what a single cancel adds to raw httpx)."""
        if self.reads_raw(response):
            return response.iter_raw()
        if response.is_stream_consumed:
            try:
                content = response.content
            except httpx.ResponseNotRead:
                return response.iter_bytes()  # raises as it does
            return (content,) if content else ()
        return response.iter_bytes()

    def take(self, chunk: bytes) -> None:
        """Keep a decoded chunk of the body, unless it passes the size cap or the deadline has passed."""
        if self.inflate is not None:
            try:
                chunk = self.inflate.decompress(chunk, self.max_bytes - self.size + 1)  # one byte past the cap, at most
            except zlib.error as exc:
                raise httpx.DecodingError(str(exc), request=self.request) from exc
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise _TooLarge
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise _Overdue
        self.chunks.append(chunk)

    def judge(self, response: httpx.Response | None, failure: Exception | None, attempt_start: float) -> Sent | float:
        """The ``Sent`` of a 2xx, else the seconds to wait before the next attempt; raises the typed error when
        the failure may not be retried, the retries are spent or the deadline would pass."""
        if response is not None and failure is None:
            if self.inflate is not None:
                self.chunks.append(self.inflate.flush())
            response._content = b"".join(self.chunks)  # as httpx's read() keeps it, read here within our bounds
        error = last = self._error(response, failure)
        reached = error is not None and (_may_have_reached(error) or (response is not None and failure is not None))
        retry = error is not None and self.attempt < self.max_retries and should_retry(error)
        delay = retry_delay(self.attempt, response) if retry else None
        if (error is not None and self.deadline is not None and (retry or isinstance(error, APIConnectionError))
                and time.perf_counter() + (delay or 0) >= self.deadline):  # fmt: skip
            error, delay = self._overdue(error, delay, reached), None  # no time for another attempt
        self._log(logging.DEBUG, response, error, "attempt", attempt_start, delay)
        if error is None:
            assert response is not None
            self._log(logging.INFO, response, None, "attempts", self.start)
            return Sent(response, self.attempt, time.perf_counter() - self.start, self.reached)
        if reached and (delay is not None or error is not last):  # for the next attempt's error, or the deadline's
            self.reached = last
        if delay is not None:
            self.attempt += 1
            _waiting(RetryWait(error, self.attempt, self.max_retries, delay, self.reached))
            return delay
        error.retries_taken = self.attempt
        self._log(logging.INFO, response, error, "attempts", self.start)
        if self.reached is not None:
            error.earlier_attempt = self.reached
            raise error from self.reached
        raise error

    def _error(self, response: httpx.Response | None, failure: Exception | None) -> APIError | None:
        request = self.request
        if failure is None:
            assert response is not None
            return None if response.is_success else status_error(response)
        if response is not None and isinstance(failure, _TooLarge):
            return self._too_large(response)
        if response is not None and isinstance(failure, _Overdue):
            return APITimeoutError(request, message=f"The server answered {response.status_code}, but its body was "
                                   "still arriving")  # fmt: skip
        if isinstance(failure, httpx.TimeoutException):
            return APITimeoutError(request, failure)
        host = request.url.host  # any other failure of the transport or a hook: ours to type, as the official SDK's
        return APIConnectionError(request, f"Connection error talking to {host}: {type(failure).__name__}: {failure}",
                                  failure)  # fmt: skip

    def _too_large(self, response: httpx.Response) -> APIError:
        limit = f"max_response_bytes ({self.max_bytes:,})"
        if response.is_success:
            message = (f"The server answered {response.status_code}, so the cancel may have taken effect, but its "
                       f"body is larger than {limit}; reading stopped there")  # fmt: skip
            return APIResponseValidationError(response, message)
        response._content = b"".join(self.chunks)  # an error's first bytes, for its message and request id
        return status_error(response)

    def _overdue(self, error: APIError, delay: float | None, reached: bool) -> APITimeoutError:
        """The deadline's error, the last attempt's error its cause (and its ``earlier_attempt`` when it may have
        reached the server, which ``str()`` then tells). An answer's status and request id are the error's own:
        a 429 whose retry would come too late refused the cancel, and says so with its id."""
        if delay is None:
            message = f"The call's deadline of {self.seconds:g}s passed"
        else:
            due = RetryWait(error, self.attempt + 1, self.max_retries, delay, None).due()
            message = f"The call's deadline of {self.seconds:g}s would pass before its next retry ({due})"
        if not reached:
            message += f"; its last attempt: {type(error).__name__}: {error.message}"
        overdue = APITimeoutError(self.request, error, message=message)
        if isinstance(error, APIStatusError):
            overdue.status_code, overdue.request_id = error.status_code, error.request_id
        return overdue

    def _log(self, level: int, response: httpx.Response | None, error: APIError | None, counted: str, since: float,
             delay: float | None = None) -> None:  # fmt: skip
        """DEBUG: one line per attempt; INFO: one per call. Request ids are looked for only when it is on."""
        if log.isEnabledFor(level):
            shown = error is None or isinstance(error, APIStatusError)
            outcome = response.status_code if shown and response is not None else type(error).__name__
            retrying = "" if delay is None else f" retrying in {delay:.2f}s"
            log.log(level, "%s %s -> %s request_id=%s %s=%d elapsed=%.1fms%s", self.request.method,
                    self.request.url.path, outcome, escaped(_request_id(response, error)), counted, self.attempt + 1,
                    (time.perf_counter() - since) * 1000, retrying)  # fmt: skip


_AFTER_SENDING = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError, httpx.DecodingError)


def _may_have_reached(error: APIError) -> bool:
    """A failure after the request was sent: a read timeout, a dropped, broken or undecodable reply, a gateway's 5xx,
    and any failure of a caller's transport or hook, which may have come after sending."""
    if isinstance(error, APIStatusError):
        return error.status_code in (500, 502, 504)
    cause = error.__cause__
    return isinstance(cause, _AFTER_SENDING) or not isinstance(cause, (httpx.HTTPError, APIError, type(None)))


_REQUEST_ID = re.compile(rb'"request_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _request_id(response: httpx.Response | None, error: APIError | None) -> str | None:
    """For the log, as ``request_id_of`` has it: the body's ``metadata.request_id``, else the header. Found without
    decoding the body, from its end, where the envelope's metadata is: not through ten thousand orders (3 ms)."""
    if error is not None:
        return error.request_id
    assert response is not None  # no error: a 2xx came
    body = response.content
    found = _REQUEST_ID.match(body, start) if (start := body.rfind(b'"request_id"')) >= 0 else None
    return found.group(1).decode("utf-8", "replace") if found else response.headers.get("x-request-id")


def escaped(value: str | None) -> str | None:
    """A server's text as a log line may show it: control characters (a newline would forge a line) escaped."""
    return value if value is None or value.isprintable() else value.encode("unicode_escape").decode("ascii")


def send(http: httpx.Client, request: httpx.Request, max_retries: int, deadline: float | None, max_bytes: int) -> Sent:
    """Send with retries; the 2xx response with its body read, or the typed error of the last attempt. Any
    ``Exception`` of the transport or a hook is typed; a ``BaseException`` (KeyboardInterrupt) goes through."""
    call = _Call(request, max_retries, deadline, max_bytes)
    while True:
        attempt_start, response, failure = call.begin(), None, None
        try:
            response = http.send(request, stream=True, follow_redirects=False)
            for chunk in call.body(response):
                call.take(chunk)
        except Exception as exc:
            failure = exc
        finally:
            if response is not None:
                response.close()
        outcome = call.judge(response, failure, attempt_start)
        if isinstance(outcome, Sent):
            return outcome
        time.sleep(outcome)


async def send_async(
    http: httpx.AsyncClient, request: httpx.Request, max_retries: int, deadline: float | None, max_bytes: int
) -> Sent:
    """``send`` for an ``httpx.AsyncClient``; sleeps through anyio, so it runs under asyncio and trio alike, and a
    cancellation (a ``BaseException`` under both) goes through."""
    call = _Call(request, max_retries, deadline, max_bytes)
    while True:
        attempt_start, response, failure = call.begin(), None, None
        try:
            response = await http.send(request, stream=True, follow_redirects=False)
            async for chunk in response.aiter_raw() if call.reads_raw(response) else response.aiter_bytes():
                call.take(chunk)
        except Exception as exc:
            failure = exc
        finally:
            if response is not None:
                await response.aclose()
        outcome = call.judge(response, failure, attempt_start)
        if isinstance(outcome, Sent):
            return outcome
        import anyio  # lazily: a sync-only user should not pay for its import

        await anyio.sleep(outcome)


def configure_logging_from_env() -> None:
    """``CLEAR_STREET_LOG=debug|info`` turns the ``clear_street`` logger on without code: ``info`` one line per call
    (method, path, status, request id, attempts, elapsed), ``debug`` one per attempt too. Its lines go to stderr
    only while the application has configured no handler of its own (checked at each line, so a
    ``logging.basicConfig()`` after a client was made takes them over): each line is printed once."""
    level = os.environ.get("CLEAR_STREET_LOG", "").strip().upper()
    if level not in ("DEBUG", "INFO"):
        return
    log.setLevel(level)
    if not any(isinstance(handler, _Unconfigured) for handler in log.handlers):
        handler = _Unconfigured()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(handler)


class _Unconfigured(logging.StreamHandler):  # type: ignore[type-arg]
    """stderr, for as long as no other handler would print the line: none beside it on ``clear_street``, none on
    the loggers it propagates to (the root's, once the application configures logging)."""

    def emit(self, record: logging.LogRecord) -> None:
        if any(handler is not self for handler in log.handlers):
            return
        current: logging.Logger | None = log
        while current is not None and current.propagate:
            current = current.parent
            if current is not None and current.handlers:
                return
        super().emit(record)
