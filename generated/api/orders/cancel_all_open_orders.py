from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.order_cancel_all_open_orders_response import OrderCancelAllOpenOrdersResponse
from ...models.order_type import OrderType
from ...models.security_type import SecurityType
from ...models.side import Side
from ...types import UNSET, Response, Unset


def request_kwargs(
    account_id: int,
    *,
    instrument_ids: list[str] | Unset = UNSET,
    instrument_type: SecurityType | Unset = UNSET,
    side: Side | Unset = UNSET,
    type_: OrderType | Unset = UNSET,
) -> dict[str, Any]:
    """The arguments of ``httpx.Client.request`` for this operation: method, URL path and query."""

    params: dict[str, Any] = {}
    if not isinstance(instrument_ids, Unset):
        params["instrument_ids"] = ",".join(str(item) for item in instrument_ids)
    if not isinstance(instrument_type, Unset):
        params["instrument_type"] = instrument_type.value
    if not isinstance(side, Unset):
        params["side"] = side.value
    if not isinstance(type_, Unset):
        params["type"] = type_.value
    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/accounts/{account_id}/orders".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | OrderCancelAllOpenOrdersResponse | None:
    if response.status_code == 200:
        response_200 = OrderCancelAllOpenOrdersResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | OrderCancelAllOpenOrdersResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
    instrument_ids: list[str] | Unset = UNSET,
    instrument_type: SecurityType | Unset = UNSET,
    side: Side | Unset = UNSET,
    type_: OrderType | Unset = UNSET,
) -> Response[ErrorResponse | OrderCancelAllOpenOrdersResponse]:
    """Cancel All Open Orders

     Cancel all orders for an account

    Args:
        account_id (int):
        instrument_ids (list[str] | Unset):
        instrument_type (SecurityType | Unset): Type of security. The union of every source: both
            reference pages (Cancel Open Order lists only COMMON_STOCK, OPTION and CASH) and Clear
            Street's published OpenAPI document, which adds INDEX.
        side (Side | Unset): Side of the order (BUY, SELL, SELL_SHORT)
        type_ (OrderType | Unset): Type of order (MARKET, LIMIT, etc.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OrderCancelAllOpenOrdersResponse]
    """

    kwargs = request_kwargs(
        account_id=account_id,
        instrument_ids=instrument_ids,
        instrument_type=instrument_type,
        side=side,
        type_=type_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
    instrument_ids: list[str] | Unset = UNSET,
    instrument_type: SecurityType | Unset = UNSET,
    side: Side | Unset = UNSET,
    type_: OrderType | Unset = UNSET,
) -> ErrorResponse | OrderCancelAllOpenOrdersResponse | None:
    """Cancel All Open Orders

     Cancel all orders for an account

    Args:
        account_id (int):
        instrument_ids (list[str] | Unset):
        instrument_type (SecurityType | Unset): Type of security. The union of every source: both
            reference pages (Cancel Open Order lists only COMMON_STOCK, OPTION and CASH) and Clear
            Street's published OpenAPI document, which adds INDEX.
        side (Side | Unset): Side of the order (BUY, SELL, SELL_SHORT)
        type_ (OrderType | Unset): Type of order (MARKET, LIMIT, etc.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OrderCancelAllOpenOrdersResponse
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        instrument_ids=instrument_ids,
        instrument_type=instrument_type,
        side=side,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
    instrument_ids: list[str] | Unset = UNSET,
    instrument_type: SecurityType | Unset = UNSET,
    side: Side | Unset = UNSET,
    type_: OrderType | Unset = UNSET,
) -> Response[ErrorResponse | OrderCancelAllOpenOrdersResponse]:
    """Cancel All Open Orders

     Cancel all orders for an account

    Args:
        account_id (int):
        instrument_ids (list[str] | Unset):
        instrument_type (SecurityType | Unset): Type of security. The union of every source: both
            reference pages (Cancel Open Order lists only COMMON_STOCK, OPTION and CASH) and Clear
            Street's published OpenAPI document, which adds INDEX.
        side (Side | Unset): Side of the order (BUY, SELL, SELL_SHORT)
        type_ (OrderType | Unset): Type of order (MARKET, LIMIT, etc.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | OrderCancelAllOpenOrdersResponse]
    """

    kwargs = request_kwargs(
        account_id=account_id,
        instrument_ids=instrument_ids,
        instrument_type=instrument_type,
        side=side,
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: int,
    *,
    client: AuthenticatedClient | Client,
    instrument_ids: list[str] | Unset = UNSET,
    instrument_type: SecurityType | Unset = UNSET,
    side: Side | Unset = UNSET,
    type_: OrderType | Unset = UNSET,
) -> ErrorResponse | OrderCancelAllOpenOrdersResponse | None:
    """Cancel All Open Orders

     Cancel all orders for an account

    Args:
        account_id (int):
        instrument_ids (list[str] | Unset):
        instrument_type (SecurityType | Unset): Type of security. The union of every source: both
            reference pages (Cancel Open Order lists only COMMON_STOCK, OPTION and CASH) and Clear
            Street's published OpenAPI document, which adds INDEX.
        side (Side | Unset): Side of the order (BUY, SELL, SELL_SHORT)
        type_ (OrderType | Unset): Type of order (MARKET, LIMIT, etc.)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | OrderCancelAllOpenOrdersResponse
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            instrument_ids=instrument_ids,
            instrument_type=instrument_type,
            side=side,
            type_=type_,
        )
    ).parsed
