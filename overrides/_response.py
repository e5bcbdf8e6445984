"""``with_raw_response`` results, and the policy for 2xx bodies.

A 2xx means the cancel may have happened, so its report is never lost to an exception over a detail:
- a *structural break* (not JSON, not an object, ``data`` missing or not the container the spec says, an array
  item that is not an object) leaves no result to return and raises ``APIResponseValidationError``;
- a *field-level deviation* (a required field missing, a null the spec forbids, a wrong type, an unparseable
  timestamp) is returned: the field holds what the server sent, each deviation is logged once at WARNING and
  listed in ``APIResponse.deviations``. With ``strict_response_validation=True`` it raises instead.
The field-by-field reporting parse runs only when the strict one, the fast path, refuses the body.
"""

from __future__ import annotations

import gc
import logging
import threading
from contextlib import nullcontext
from typing import Generic, TypeVar

import httpx

from ._exceptions import APIResponseValidationError, decode_body, parse_json, request_id_of
from ._generated.client import Envelope
from ._generated.errors import Deviation, InvalidData
from ._transport import Sent, escaped

log = logging.getLogger("clear_street")
T = TypeVar("T", bound=Envelope)


class APIResponse(Generic[T]):
    """A 2xx response whose body has been read; ``parse()`` gives the envelope the plain call returns."""

    __slots__ = ("_deviations", "_model", "_parsed", "_request_id", "_strict", "earlier_attempt", "elapsed",
                 "http_response", "retries_taken")  # fmt: skip

    def __init__(self, sent: Sent, model: type[T], strict: bool) -> None:
        self.http_response = sent.response
        self.retries_taken = sent.retries_taken  # attempts that failed before this one
        self.elapsed = sent.elapsed  # seconds from the first attempt to this response, retries and waits included
        # An earlier attempt that may have reached the server: this 2xx may not list what that attempt cancelled.
        self.earlier_attempt = sent.earlier_attempt
        self._model, self._strict = model, strict
        self._parsed: T | None = None
        self._request_id: str | None = None
        self._deviations: list[Deviation] = []

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        """The request of the attempt that succeeded, as sent."""
        return self.http_response.request

    @property
    def is_closed(self) -> bool:
        """Always true: the body has been read, and the connection went back to the pool."""
        return self.http_response.is_closed

    @property
    def request_id(self) -> str | None:
        """As ``request_id_of`` has it: the body's ``metadata.request_id``, else the header; parses the body."""
        try:
            APIResponse.parse(self)  # the sync parse, for AsyncAPIResponse too
        except APIResponseValidationError as exc:  # a body that is no envelope, or deviates when strict
            return exc.request_id
        return self._request_id

    @property
    def deviations(self) -> list[Deviation]:
        """Where the body differs from the spec (empty when it conforms); parses the body if not yet parsed."""
        APIResponse.parse(self)
        return self._deviations

    def parse(self) -> T:
        """The envelope; ``APIResponseValidationError`` for a structural break (or any deviation, when strict)."""
        if self._parsed is None:
            try:
                self._parsed = self._parse()
            except APIResponseValidationError as error:
                if self.earlier_attempt is not None:
                    error.earlier_attempt = error.__cause__ = self.earlier_attempt
                raise
        return self._parsed

    def _parse(self) -> T:
        with _COLLECTOR_PAUSED if len(self.http_response.content) >= PAUSE_FROM else _UNPAUSED:
            return self._parse_body()

    def _parse_body(self) -> T:
        response = self.http_response
        if not response.content and getattr(self._model, "no_body", False):  # a 2xx the spec gives no body
            return self._model.from_dict(None)
        try:
            data = parse_json(response.content)
        except (ValueError, RecursionError) as exc:
            raise _invalid(response, f"its body is not valid JSON ({exc})", decode_body(response)) from None
        self._request_id = request_id_of(response, data)
        try:
            return self._model.from_dict(data)
        except InvalidData:
            pass  # not as the spec says: find out where, field by field
        self._deviations.clear()  # a strict parse that raised may be asked again
        try:
            envelope = self._model.from_dict_reporting(data, self._deviations)
        except InvalidData as exc:
            raise _invalid(response, f"its body is not a result ({exc})", data) from None
        request_id = self._request_id
        if self._strict:
            listed = "; ".join(map(str, self._deviations))
            raise _invalid(response, f"its body deviates from the spec at: {listed}", data)
        for deviation in self._deviations:  # the server's words, escaped: a newline in them must not forge a line
            log.warning("Response deviates from the spec at %s (request_id %s)", escaped(str(deviation)),
                        escaped(request_id))  # fmt: skip
        return envelope

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.method} {self.http_response.url}>"


PAUSE_FROM = 64 * 1024
"""Bodies from this size (about a hundred orders) are parsed with the cyclic collector paused: their objects would set
it walking the whole heap again and again (measured: a 10,000-order book 17% slower, 100,000 orders 32%); a smaller
body's parse does not notice it."""


class _CollectorPause:
    """Pauses the cyclic garbage collector while any thread parses a large body; safe for threads by a count under a
    lock: the first parse in pauses it only if it is on, and the last one out turns it back on only then. So it is
    never left off, and an application's own ``gc.disable()`` made before a parse is kept (one made by another thread
    while a parse runs is undone when the last parse ends: nothing tells it apart from ours). No cycles are made by
    a parse, so nothing is left for the collector to find."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsing = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._parsing == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._parsing += 1

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._parsing -= 1
            if self._parsing == 0 and self._resume:
                gc.enable()


_COLLECTOR_PAUSED = _CollectorPause()
_UNPAUSED = nullcontext()


class AsyncAPIResponse(APIResponse[T]):
    """``APIResponse`` for ``AsyncClearStreet``: ``await raw.parse()``, as in the official SDK. The body has been
    read already, so the parse does not wait; it is a coroutine so that code written for the official SDK runs."""

    __slots__ = ()

    async def parse(self) -> T:  # type: ignore[override]  # awaited, as the official SDK's AsyncAPIResponse
        return APIResponse.parse(self)


def _invalid(response: httpx.Response, problem: str, body: object) -> APIResponseValidationError:
    message = f"The server answered {response.status_code}, so the cancel may have taken effect, but {problem}"
    return APIResponseValidationError(response, message, body=body)
