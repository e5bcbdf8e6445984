"""``client.v1.orders``: the operations the spec tags "orders".

An operation's request builder and response model are imported at its first call (``clear_street._lazy``), so a
call pays for its own models only; the annotations name the models through the lazy ``models`` package, which
imports one when a tool resolves them (``typing.get_type_hints``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID  # (annotations of format: uuid arguments; removed by the formatter where unused)

import httpx

from ...._lazy import FirstCall
from ...._not_given import NOT_GIVEN, NotGiven
from ...._response import APIResponse, AsyncAPIResponse
from ... import models
from ...client import AsyncRequester, NoBody, Requester
from ...types import UNSET, Unset

if TYPE_CHECKING:
    from ...models import OrderCancelAllOpenOrdersResponse, OrderCancelOpenOrderResponse
    from . import cancel_all_open_orders as _cancel_all_open_orders
    from . import cancel_open_order as _cancel_open_order
else:  # each a stand-in until the operation's first call
    _cancel_open_order = FirstCall(globals(), "cancel_open_order", models, "OrderCancelOpenOrderResponse")
    _cancel_all_open_orders = FirstCall(globals(), "cancel_all_open_orders", models, "OrderCancelAllOpenOrdersResponse")


class OrdersWithRawResponse:
    """``client.v1.orders.with_raw_response``: the same calls, returning ``APIResponse``s."""

    def __init__(self, client: Requester) -> None:
        self._client = client

    def cancel_open_order(
        self,
        order_id: str,
        *,
        account_id: int,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> APIResponse[models.OrderCancelOpenOrderResponse]:
        """Cancel Open Order: Cancel a specific order.

        The ``APIResponse`` of the 2xx: status, headers and request id now, the envelope from ``parse()``.
        """
        request = _cancel_open_order.request_kwargs(
            account_id=account_id,
            order_id=order_id,
        )
        return self._client._request(
            request,
            OrderCancelOpenOrderResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )

    def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: list[str] | tuple[str, ...] | None = None,
        instrument_type: models.SecurityType
        | Literal["CASH", "COMMON_STOCK", "INDEX", "OPTION", "OTHER", "PREFERRED_STOCK"]
        | None = None,
        side: models.Side | Literal["BUY", "OTHER", "SELL", "SELL_SHORT"] | None = None,
        type: models.OrderType
        | Literal["LIMIT", "MARKET", "OTHER", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]
        | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> APIResponse[models.OrderCancelAllOpenOrdersResponse]:
        """Cancel All Open Orders: Cancel all orders for an account.

        The ``APIResponse`` of the 2xx: status, headers and request id now, the envelope from ``parse()``.
        """
        request = _cancel_all_open_orders.request_kwargs(
            account_id=account_id,
            instrument_ids=instrument_ids,
            instrument_type=instrument_type,
            side=side,
            type=type,
        )
        return self._client._request(
            request,
            OrderCancelAllOpenOrdersResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )


class Orders:
    """``client.v1.orders``."""

    def __init__(self, client: Requester) -> None:
        self.with_raw_response = OrdersWithRawResponse(client)

    def cancel_open_order(
        self,
        order_id: str,
        *,
        account_id: int,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> models.OrderCancelOpenOrderResponse:
        """Cancel Open Order: Cancel a specific order."""
        raw = self.with_raw_response.cancel_open_order(
            account_id=account_id,
            order_id=order_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )
        return raw.parse()

    def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: list[str] | tuple[str, ...] | None = None,
        instrument_type: models.SecurityType
        | Literal["CASH", "COMMON_STOCK", "INDEX", "OPTION", "OTHER", "PREFERRED_STOCK"]
        | None = None,
        side: models.Side | Literal["BUY", "OTHER", "SELL", "SELL_SHORT"] | None = None,
        type: models.OrderType
        | Literal["LIMIT", "MARKET", "OTHER", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]
        | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> models.OrderCancelAllOpenOrdersResponse:
        """Cancel All Open Orders: Cancel all orders for an account."""
        raw = self.with_raw_response.cancel_all_open_orders(
            account_id=account_id,
            instrument_ids=instrument_ids,
            instrument_type=instrument_type,
            side=side,
            type=type,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )
        return raw.parse()


class AsyncOrdersWithRawResponse:
    """``client.v1.orders.with_raw_response`` of ``AsyncClearStreet``: the same calls, returning ``APIResponse``s."""

    def __init__(self, client: AsyncRequester) -> None:
        self._client = client

    async def cancel_open_order(
        self,
        order_id: str,
        *,
        account_id: int,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> AsyncAPIResponse[models.OrderCancelOpenOrderResponse]:
        """Cancel Open Order: Cancel a specific order.

        The ``APIResponse`` of the 2xx: status, headers and request id now, the envelope from ``parse()`` (awaited).
        """
        request = _cancel_open_order.request_kwargs(
            account_id=account_id,
            order_id=order_id,
        )
        return await self._client._request(
            request,
            OrderCancelOpenOrderResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )

    async def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: list[str] | tuple[str, ...] | None = None,
        instrument_type: models.SecurityType
        | Literal["CASH", "COMMON_STOCK", "INDEX", "OPTION", "OTHER", "PREFERRED_STOCK"]
        | None = None,
        side: models.Side | Literal["BUY", "OTHER", "SELL", "SELL_SHORT"] | None = None,
        type: models.OrderType
        | Literal["LIMIT", "MARKET", "OTHER", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]
        | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> AsyncAPIResponse[models.OrderCancelAllOpenOrdersResponse]:
        """Cancel All Open Orders: Cancel all orders for an account.

        The ``APIResponse`` of the 2xx: status, headers and request id now, the envelope from ``parse()`` (awaited).
        """
        request = _cancel_all_open_orders.request_kwargs(
            account_id=account_id,
            instrument_ids=instrument_ids,
            instrument_type=instrument_type,
            side=side,
            type=type,
        )
        return await self._client._request(
            request,
            OrderCancelAllOpenOrdersResponse,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )


class AsyncOrders:
    """``client.v1.orders`` of ``AsyncClearStreet``."""

    def __init__(self, client: AsyncRequester) -> None:
        self.with_raw_response = AsyncOrdersWithRawResponse(client)

    async def cancel_open_order(
        self,
        order_id: str,
        *,
        account_id: int,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> models.OrderCancelOpenOrderResponse:
        """Cancel Open Order: Cancel a specific order."""
        raw = await self.with_raw_response.cancel_open_order(
            account_id=account_id,
            order_id=order_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )
        return await raw.parse()

    async def cancel_all_open_orders(
        self,
        account_id: int,
        *,
        instrument_ids: list[str] | tuple[str, ...] | None = None,
        instrument_type: models.SecurityType
        | Literal["CASH", "COMMON_STOCK", "INDEX", "OPTION", "OTHER", "PREFERRED_STOCK"]
        | None = None,
        side: models.Side | Literal["BUY", "OTHER", "SELL", "SELL_SHORT"] | None = None,
        type: models.OrderType
        | Literal["LIMIT", "MARKET", "OTHER", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]
        | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = None,
    ) -> models.OrderCancelAllOpenOrdersResponse:
        """Cancel All Open Orders: Cancel all orders for an account."""
        raw = await self.with_raw_response.cancel_all_open_orders(
            account_id=account_id,
            instrument_ids=instrument_ids,
            instrument_type=instrument_type,
            side=side,
            type=type,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            deadline=deadline,
        )
        return await raw.parse()
