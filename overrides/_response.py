"""``with_raw_response`` results, and the policy for 2xx bodies.

A 2xx means the cancel may have happened, so its report is never lost to an exception over a detail:
- a *structural break* (not JSON, not an object, ``data`` missing or not the container the spec says, an array
  item that is not an object) leaves no result to return and raises ``APIResponseValidationError``;
- a *field-level deviation* (a required field missing, a null the spec forbids, a wrong type, an unparseable
  timestamp) is returned: the field holds what the server sent, the deviations are logged in one WARNING line (their
  count and the first few) and all listed in ``APIResponse.deviations``. With ``strict_response_validation=True``
  it raises instead.
The body is parsed by msgspec into the models' wire Structs (``_wire``); the models' own strict and field-by-field
parses take what msgspec refuses, only the objects it refuses when it can tell them apart, else the whole body.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

from ._exceptions import APIResponseValidationError, decode_body, parse_json, request_id_of
from ._generated.client import Envelope
from ._generated.errors import Deviation, InvalidData
from ._transport import Sent, escaped
from ._wire import json_field
from ._wire import parse as parse_wire

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
        response = self.http_response
        content = response.content
        if not content and getattr(self._model, "no_body", False):  # a 2xx the spec gives no body
            return self._model.from_dict(None)
        envelope = parse_wire(self._model, content, self._deviations)
        if envelope is None:
            return self._parse_reference()
        request_id = json_field(json_field(envelope, "metadata"), "request_id")  # as request_id_of has it
        self._request_id = request_id if isinstance(request_id, str) else response.headers.get("x-request-id")
        if self._deviations:
            self._report(lambda: parse_json(content))
        return envelope  # type: ignore[no-any-return]

    def _parse_reference(self) -> T:
        """The parse the fast path is held to, for a body it refuses: ``json`` and the models' own checks."""
        response = self.http_response
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
        self._report(lambda: data)
        return envelope

    def _report(self, body: Callable[[], object]) -> None:
        """Raises for the deviations when strict; else logs them in ONE line, however many (a book of 100,000 orders
        may deviate at each): their count, the first few, and the request id. ``deviations`` keeps them all."""
        if self._strict:
            listed = "; ".join(map(str, self._deviations))
            raise _invalid(self.http_response, f"its body deviates from the spec at: {listed}", body())
        count = len(self._deviations)
        if not count:
            return
        shown = "; ".join(str(deviation) for deviation in self._deviations[:LOGGED_DEVIATIONS])
        if count > 1:
            more = f"; and {count - LOGGED_DEVIATIONS} more" if count > LOGGED_DEVIATIONS else ""
            shown = f"{count} places: {shown}{more}"
        # The server's words, escaped: a newline in them must not forge a line.
        log.warning("Response deviates from the spec at %s (request_id %s)", escaped(shown), escaped(self._request_id))

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.method} {self.http_response.url}>"


LOGGED_DEVIATIONS = 3
"""Deviations a warning line quotes; the line gives the count of them all."""


class AsyncAPIResponse(APIResponse[T]):
    """``APIResponse`` for ``AsyncClearStreet``: ``await raw.parse()``, as in the official SDK. The body has been
    read already, so the parse does not wait; it is a coroutine so that code written for the official SDK runs."""

    __slots__ = ()

    async def parse(self) -> T:  # type: ignore[override]  # awaited, as the official SDK's AsyncAPIResponse
        return APIResponse.parse(self)


def _invalid(response: httpx.Response, problem: str, body: object) -> APIResponseValidationError:
    message = f"The server answered {response.status_code}, so the cancel may have taken effect, but {problem}"
    return APIResponseValidationError(response, message, body=body)
