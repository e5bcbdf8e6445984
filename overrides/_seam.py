"""The seam between generated and hand-written code: what a generated resource needs of a client (``_request``,
which the clients in ``clear_street`` implement with auth, retries and error mapping) and what every generated
response model gives (``Envelope``). Hand-written; the generated ``_generated/client.py`` re-exports it (the stock
template is a client of its own, which this package does not use)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import httpx

from ._deviations import Deviation
from ._not_given import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from ._response import APIResponse, AsyncAPIResponse


class Envelope(Protocol):
    """A generated response model: the strict parse, the fast path, and the reporting one it falls back to."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...

    @classmethod
    def from_dict_reporting(cls, src_dict: Any, deviations: list[Deviation], at_path: str = "") -> Self: ...


E = TypeVar("E", bound=Envelope)


class NoBody:
    """The result of an operation whose 2xx has no body in the spec: ``APIResponse.parse()`` gives one when the
    body is empty; a body that came anyway is kept as ``body``."""

    no_body = True  # read by APIResponse: an empty body is this, not invalid JSON
    __slots__ = ("body",)

    def __init__(self, body: Any = None) -> None:
        self.body = body

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self:
        return cls(src_dict)

    @classmethod
    def from_dict_reporting(cls, src_dict: Any, deviations: list[Deviation], at_path: str = "") -> Self:
        return cls(src_dict)

    def to_dict(self) -> Any:
        return self.body

    def __repr__(self) -> str:
        return f"NoBody({self.body!r})" if self.body is not None else "NoBody()"


class Requester(Protocol):
    """A synchronous client: sends a request built by a generated ``request_kwargs`` and returns its 2xx."""

    def _request(
        self,
        request: dict[str, Any],
        model: type[E],
        *,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, str] | None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> APIResponse[E]: ...


class AsyncRequester(Protocol):
    """``Requester``, awaited."""

    async def _request(
        self,
        request: dict[str, Any],
        model: type[E],
        *,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, str] | None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> AsyncAPIResponse[E]: ...


__all__ = ["AsyncRequester", "E", "Envelope", "NoBody", "Requester"]
