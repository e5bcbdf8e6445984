"""What the spec says that ``clear_street.testing``'s fake plays by: each operation's method, path, filters, result and
documented errors, each result model's fields, and the envelope's property names. Written by scripts/generate.py
(``fake_facts``) from spec/openapi.yaml with the custom template overrides/templates/spec_facts.py.jinja, so the
fake follows the spec as it grows."""

from typing import Any

OPERATIONS: dict[str, dict[str, Any]] = {
    "cancel_open_order": {
        "method": "DELETE",
        "path": "/v1/accounts/{account_id}/orders/{order_id}",
        "data": "object",
        "model": "Order",
        "query": {},
        "path_parameters": {"account_id": "integer", "order_id": "string"},
        "not_found": "Order d40a92e6-381f-4803-b292-56d350d9d54a not found for account 100001",
        "errors": {
            "400": "The request was malformed.",
            "401": "The API key is missing or invalid.",
            "403": "The caller may not act on this account.",
            "404": "No such order on this account.",
            "429": "Rate limited; retry after the time in `Retry-After`.",
            "500": "The server failed.",
        },
    },
    "cancel_all_open_orders": {
        "method": "DELETE",
        "path": "/v1/accounts/{account_id}/orders",
        "data": "list",
        "model": "Order",
        "query": {
            "instrument_ids": {"enum": None, "array": True, "explode": False, "field": "instrument_id"},
            "instrument_type": {
                "enum": ["COMMON_STOCK", "PREFERRED_STOCK", "OPTION", "CASH", "INDEX", "OTHER"],
                "array": False,
                "explode": True,
                "field": "instrument_type",
            },
            "side": {"enum": ["BUY", "SELL", "SELL_SHORT", "OTHER"], "array": False, "explode": True, "field": "side"},
            "type": {
                "enum": ["MARKET", "LIMIT", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT", "OTHER"],
                "array": False,
                "explode": True,
                "field": "order_type",
            },
        },
        "path_parameters": {"account_id": "integer"},
        "not_found": "No orders match the specified filters",
        "errors": {
            "400": "The request was malformed.",
            "401": "The API key is missing or invalid.",
            "403": "The caller may not act on this account.",
            "404": "No open orders match the filters.",
            "429": "Rate limited; retry after the time in `Retry-After`.",
            "500": "The server failed.",
        },
    },
}
"""Each operation by its id."""

MODELS: dict[str, dict[str, dict[str, Any]]] = {
    "Order": {
        "id": {"types": ["string"], "format": None, "enum": None, "required": True},
        "account_id": {"types": ["integer"], "format": "int64", "enum": None, "required": True},
        "client_order_id": {"types": ["string"], "format": None, "enum": None, "required": False},
        "created_at": {"types": ["string"], "format": "date-time", "enum": None, "required": True},
        "filled_quantity": {"types": ["string"], "format": None, "enum": None, "required": True},
        "instrument_id": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "instrument_type": {
            "types": ["string", "null"],
            "format": None,
            "enum": ["COMMON_STOCK", "PREFERRED_STOCK", "OPTION", "CASH", "INDEX", "OTHER"],
            "required": False,
        },
        "leaves_quantity": {"types": ["string"], "format": None, "enum": None, "required": True},
        "order_type": {
            "types": ["string"],
            "format": None,
            "enum": ["MARKET", "LIMIT", "STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT", "OTHER"],
            "required": True,
        },
        "quantity": {"types": ["string"], "format": None, "enum": None, "required": True},
        "side": {"types": ["string"], "format": None, "enum": ["BUY", "SELL", "SELL_SHORT", "OTHER"], "required": True},
        "status": {
            "types": ["string"],
            "format": None,
            "enum": [
                "PENDING_NEW",
                "NEW",
                "PARTIALLY_FILLED",
                "FILLED",
                "CANCELED",
                "REJECTED",
                "EXPIRED",
                "PENDING_CANCEL",
                "PENDING_REPLACE",
                "REPLACED",
                "DONE_FOR_DAY",
                "STOPPED",
                "SUSPENDED",
                "CALCULATED",
                "OTHER",
            ],
            "required": True,
        },
        "symbol": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "time_in_force": {
            "types": ["string"],
            "format": None,
            "enum": [
                "DAY",
                "GOOD_TILL_CANCEL",
                "IMMEDIATE_OR_CANCEL",
                "FILL_OR_KILL",
                "GOOD_TILL_DATE",
                "AT_THE_OPENING",
                "AT_THE_CLOSE",
                "GOOD_TILL_CROSSING",
                "GOOD_THROUGH_CROSSING",
                "AT_CROSSING",
                "OTHER",
            ],
            "required": True,
        },
        "updated_at": {"types": ["string"], "format": "date-time", "enum": None, "required": True},
        "venue": {"types": ["string"], "format": None, "enum": None, "required": False},
        "average_fill_price": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "details": {"types": ["array", "null"], "format": None, "enum": None, "required": False},
        "expires_at": {"types": ["string", "null"], "format": "date-time", "enum": None, "required": False},
        "extended_hours": {"types": ["boolean", "null"], "format": None, "enum": None, "required": False},
        "limit_offset": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "limit_price": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "queue_state": {
            "types": ["string", "null"],
            "format": None,
            "enum": ["AWAITING_RELEASE", "RELEASED"],
            "required": False,
        },
        "releases_at": {"types": ["string", "null"], "format": "date-time", "enum": None, "required": False},
        "stop_price": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "trailing_limit_px": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "trailing_offset": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "trailing_offset_type": {
            "types": ["string", "null"],
            "format": None,
            "enum": ["PRICE", "BPS"],
            "required": False,
        },
        "trailing_stop_px": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "trailing_watermark_px": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
        "trailing_watermark_ts": {"types": ["string", "null"], "format": "date-time", "enum": None, "required": False},
        "underlying_instrument_id": {"types": ["string", "null"], "format": None, "enum": None, "required": False},
    }
}
"""The fields of each model an operation's 2xx holds: JSON types, format, enum values, whether required."""

ENVELOPE: dict[str, str] = {"data": "data", "metadata": "metadata", "request_id": "request_id", "error": "error"}
"""The envelope's property names: ``data``, ``error``, ``metadata`` and its ``request_id``."""
