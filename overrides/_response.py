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
import json
import logging
from typing import Generic, TypeVar

import httpx

from ._exceptions import APIResponseValidationError, decode_body, request_id_of
from ._generated.client import Envelope
from ._generated.errors import Deviation, InvalidData
from ._transport import Sent

log = logging.getLogger("clear_street")
T = TypeVar("T", bound=Envelope)


class APIResponse(Generic[T]):
    """A 2xx response whose body has been read; ``parse()`` gives the envelope the plain call returns."""

    __slots__ = ("_deviations", "_model", "_parsed", "_request_id", "_strict", "elapsed", "http_response",
                 "retries_taken")  # fmt: skip

    def __init__(self, sent: Sent, model: type[T], strict: bool) -> None:
        self.http_response = sent.response
        self.retries_taken = sent.retries_taken  # attempts that failed before this one
        self.elapsed = sent.elapsed  # seconds from the first attempt to this response, retries and waits included
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
    def request_id(self) -> str | None:
        """As ``request_id_of`` has it: the body's ``metadata.request_id``, else the header; parses the body."""
        try:
            self.parse()
        except APIResponseValidationError as exc:  # a body that is no envelope, or deviates when strict
            return exc.request_id
        return self._request_id

    @property
    def deviations(self) -> list[Deviation]:
        """Where the body differs from the spec (empty when it conforms); parses the body if not yet parsed."""
        self.parse()
        return self._deviations

    def parse(self) -> T:
        """The envelope; ``APIResponseValidationError`` for a structural break (or any deviation, when strict)."""
        if self._parsed is None:
            collecting = gc.isenabled()
            gc.disable()  # no cycles are made here, but 100,000 orders' objects would set it walking the heap anew
            try:
                self._parsed = self._parse()
            finally:
                if collecting:
                    gc.enable()
        return self._parsed

    def _parse(self) -> T:
        response = self.http_response
        if not response.content and getattr(self._model, "no_body", False):  # a 2xx the spec gives no body
            return self._model.from_dict(None)
        try:
            data = json.loads(response.content)
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
        for deviation in self._deviations:
            log.warning("Response deviates from the spec at %s (request_id %s)", deviation, request_id)
        return envelope

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.method} {self.http_response.url}>"


def _invalid(response: httpx.Response, problem: str, body: object) -> APIResponseValidationError:
    message = f"The server answered {response.status_code}, so the cancel may have taken effect, but {problem}"
    return APIResponseValidationError(response, message, body=body)
