"""Cancel Open Order: ``DELETE /v1/accounts/{account_id}/orders/{order_id}``."""

from typing import Any

from ...types import (
    check_integer,
    check_string,
    path_segment,
)


def request_kwargs(
    order_id: str,
    *,
    account_id: int,
) -> dict[str, Any]:
    """The method, path, query and JSON body of Cancel Open Order, each argument checked
    against the spec first: a TypeError or ValueError naming it, before anything is sent."""
    _account_id = path_segment("account_id", check_integer("account_id", account_id, minimum=0, bits=64))
    _order_id = path_segment("order_id", check_string("order_id", order_id, min_length=1))
    return {
        "method": "DELETE",
        "path": "/v1/accounts/" + _account_id + "/orders/" + _order_id,
        "query": "",
        "json": None,
    }
