"""Cancel All Open Orders: ``DELETE /v1/accounts/{account_id}/orders``."""

from typing import Any, Literal

from ...models import OrderType, SecurityType, Side
from ...types import (
    check_array,
    check_enum,
    check_integer,
    check_string,
    path_segment,
    query_value,
)


def request_kwargs(
    account_id: int,
    *,
    instrument_ids: list[str] | tuple[str, ...] | None = None,
    instrument_type: SecurityType
    | Literal["CASH", "COMMON_STOCK", "INDEX", "OPTION", "OTHER", "PREFERRED_STOCK"]
    | None = None,
    side: Side | Literal["BUY", "OTHER", "SELL", "SELL_SHORT"] | None = None,
    type: OrderType
    | Literal["LIMIT", "MARKET", "OTHER", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"]
    | None = None,
) -> dict[str, Any]:
    """The method, path, query and JSON body of Cancel All Open Orders, each argument checked
    against the spec first: a TypeError or ValueError naming it, before anything is sent."""
    _account_id = path_segment("account_id", check_integer("account_id", account_id, minimum=0, bits=64))
    query: list[str] = []
    if instrument_ids is not None:
        query.append(
            "instrument_ids="
            + ",".join(
                query_value(check_string("instrument_ids[]", item, min_length=1, no_commas=True))
                for item in check_array("instrument_ids", instrument_ids, min_items=1)
            )
        )

    if instrument_type is not None:
        query.append("instrument_type=" + query_value(check_enum("instrument_type", instrument_type, SecurityType)))

    if side is not None:
        query.append("side=" + query_value(check_enum("side", side, Side)))

    if type is not None:
        query.append("type=" + query_value(check_enum("type", type, OrderType)))

    return {
        "method": "DELETE",
        "path": "/v1/accounts/" + _account_id + "/orders",
        "query": "&".join(query),
        "json": None,
    }
