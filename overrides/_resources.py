"""``client.v1.orders``: argument checks, then the generated request builders and models do the work.

Every argument is checked before anything is sent, because a cancel that reaches the wrong order, or all orders,
cannot be taken back. The plain methods are the raw ones followed by ``parse()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._generated.api.orders import cancel_all_open_orders as _cancel_all
from ._generated.api.orders import cancel_open_order as _cancel_one
from ._generated.models import (
    OrderCancelAllOpenOrdersResponse,
    OrderCancelOpenOrderResponse,
    OrderType,
    SecurityType,
    Side,
)
from ._generated.types import UNSET, Unset
from ._response import APIResponse

if TYPE_CHECKING:
    from ._client import AsyncClearStreet, ClearStreet

__all__ = ["V1", "AsyncOrders", "AsyncOrdersWithRawResponse", "AsyncV1", "Orders", "OrdersWithRawResponse"]

E = TypeVar("E", bound=StrEnum)
Timeout = float | httpx.Timeout | None
_INT64_MAX = 2**63 - 1


def _account_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"account_id must be an int, got {type(value).__name__}")
    if not 0 <= value <= _INT64_MAX:
        raise ValueError(f"account_id must be a non-negative 64-bit integer, got {value}")
    return value


def _order_id(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"order_id must be a str, got {type(value).__name__}")
    # "." and ".." would be resolved away as path segments, turning the URL into another endpoint's.
    if value in ("", ".", ".."):
        raise ValueError(f"order_id must be an order id or client order id, got {value!r}")
    return value


def _instrument_ids(value: object) -> list[str] | Unset:
    if value is None:
        return UNSET
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(f"instrument_ids must be a list of str, got {type(value).__name__}")
    if not value:
        # An empty filter could be read as no filter at all, which would cancel every order.
        raise ValueError("instrument_ids must not be empty; pass None to cancel orders of every instrument")
    for item in value:
        if not isinstance(item, str) or not item or "," in item:
            raise ValueError(f"instrument_ids must hold non-empty ids without commas, got {item!r}")
    return list(value)


def _member(enum: type[E], value: object, name: str) -> E | Unset:
    if value is None:
        return UNSET
    known: frozenset[str] = enum.known()  # type: ignore[attr-defined]  # added by the custom enum template
    if isinstance(value, str) and value in known:
        return enum(value)
    raise ValueError(f"{name} must be one of {', '.join(sorted(known))}; got {value!r}")


def cancel_open_order_request(order_id: object, account_id: object) -> dict[str, Any]:
    return _cancel_one.request_kwargs(account_id=_account_id(account_id), order_id=_order_id(order_id))


def cancel_all_open_orders_request(
    account_id: object, instrument_ids: object, instrument_type: object, side: object, type: object
) -> dict[str, Any]:
    return _cancel_all.request_kwargs(
        account_id=_account_id(account_id),
        instrument_ids=_instrument_ids(instrument_ids),
        instrument_type=_member(SecurityType, instrument_type, "instrument_type"),
        side=_member(Side, side, "side"),
        type_=_member(OrderType, type, "type"),
    )


class OrdersWithRawResponse:
    """``client.v1.orders.with_raw_response``: the same calls, returning ``APIResponse`` objects."""

    def __init__(self, client: ClearStreet) -> None:
        self._client = client

    def cancel_open_order(
        self, order_id: str, *, account_id: int, timeout: Timeout = None
    ) -> APIResponse[OrderCancelOpenOrderResponse]:
        request = cancel_open_order_request(order_id, account_id)
        return self._client._request(request, OrderCancelOpenOrderResponse, timeout)

    def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: Sequence[str] | None = None,
        instrument_type: SecurityType | str | None = None,
        side: Side | str | None = None,
        type: OrderType | str | None = None,
        timeout: Timeout = None,
    ) -> APIResponse[OrderCancelAllOpenOrdersResponse]:
        request = cancel_all_open_orders_request(account_id, instrument_ids, instrument_type, side, type)
        return self._client._request(request, OrderCancelAllOpenOrdersResponse, timeout)


class Orders:
    """``client.v1.orders``."""

    def __init__(self, client: ClearStreet) -> None:
        self.with_raw_response = OrdersWithRawResponse(client)

    def cancel_open_order(
        self, order_id: str, *, account_id: int, timeout: Timeout = None
    ) -> OrderCancelOpenOrderResponse:
        """Cancel one open order, by its ``id`` or its ``client_order_id``.

        ``timeout`` (seconds or ``httpx.Timeout``) replaces the client's for this call. Raises
        ``NotFoundError`` for an unknown order and another ``APIError`` subclass for any other failure.
        """
        return self.with_raw_response.cancel_open_order(order_id, account_id=account_id, timeout=timeout).parse()

    def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: Sequence[str] | None = None,
        instrument_type: SecurityType | str | None = None,
        side: Side | str | None = None,
        type: OrderType | str | None = None,
        timeout: Timeout = None,
    ) -> OrderCancelAllOpenOrdersResponse:
        """Cancel every open order of the account, or only those matching all the filters given.

        Filters take the enum members or their string values. Raises ``NotFoundError`` when no order matches.
        """
        return self.with_raw_response.cancel_all_open_orders(
            account_id, instrument_ids=instrument_ids, instrument_type=instrument_type, side=side, type=type,
            timeout=timeout,
        ).parse()  # fmt: skip


class AsyncOrdersWithRawResponse:
    """``client.v1.orders.with_raw_response`` of ``AsyncClearStreet``."""

    def __init__(self, client: AsyncClearStreet) -> None:
        self._client = client

    async def cancel_open_order(
        self, order_id: str, *, account_id: int, timeout: Timeout = None
    ) -> APIResponse[OrderCancelOpenOrderResponse]:
        request = cancel_open_order_request(order_id, account_id)
        return await self._client._request(request, OrderCancelOpenOrderResponse, timeout)

    async def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: Sequence[str] | None = None,
        instrument_type: SecurityType | str | None = None,
        side: Side | str | None = None,
        type: OrderType | str | None = None,
        timeout: Timeout = None,
    ) -> APIResponse[OrderCancelAllOpenOrdersResponse]:
        request = cancel_all_open_orders_request(account_id, instrument_ids, instrument_type, side, type)
        return await self._client._request(request, OrderCancelAllOpenOrdersResponse, timeout)


class AsyncOrders:
    """``client.v1.orders`` of ``AsyncClearStreet``; see ``Orders``."""

    def __init__(self, client: AsyncClearStreet) -> None:
        self.with_raw_response = AsyncOrdersWithRawResponse(client)

    async def cancel_open_order(
        self, order_id: str, *, account_id: int, timeout: Timeout = None
    ) -> OrderCancelOpenOrderResponse:
        """Cancel one open order; see ``Orders.cancel_open_order``."""
        raw = await self.with_raw_response.cancel_open_order(order_id, account_id=account_id, timeout=timeout)
        return raw.parse()

    async def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: Sequence[str] | None = None,
        instrument_type: SecurityType | str | None = None,
        side: Side | str | None = None,
        type: OrderType | str | None = None,
        timeout: Timeout = None,
    ) -> OrderCancelAllOpenOrdersResponse:
        """Cancel every open order, or those matching the filters; see ``Orders.cancel_all_open_orders``."""
        raw = await self.with_raw_response.cancel_all_open_orders(
            account_id, instrument_ids=instrument_ids, instrument_type=instrument_type, side=side, type=type,
            timeout=timeout,
        )  # fmt: skip
        return raw.parse()


class V1:
    def __init__(self, client: ClearStreet) -> None:
        self.orders = Orders(client)


class AsyncV1:
    def __init__(self, client: AsyncClearStreet) -> None:
        self.orders = AsyncOrders(client)
