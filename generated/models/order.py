"""Custom template: overrides/templates/model.py.jinja"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import invalid
from ..models.order_status import OrderStatus
from ..models.order_type import OrderType
from ..models.queue_state import QueueState
from ..models.security_type import SecurityType
from ..models.side import Side
from ..models.time_in_force import TimeInForce
from ..models.trailing_offset_type import TrailingOffsetType
from ..types import UNSET, Unset, parse_datetime, parse_uuid


@_attrs_define
class Order:
    """A trading order with its current state and execution details.

    This is the unified API representation of an order across its lifecycle, combining data from execution reports,
    order status queries, and parent/child tracking."""

    id: str
    """ Engine-assigned unique identifier for this order (UUID). """
    account_id: int
    """ Account placing the order """
    created_at: datetime.datetime
    """ Timestamp when order was created (UTC) """
    filled_quantity: str
    """ Cumulative filled quantity """
    instrument_id: UUID
    """ OEMS instrument UUID for the traded instrument. """
    instrument_type: SecurityType
    """ Type of security. The union of the values on both reference pages (Cancel Open Order lists only COMMON_STOCK,
    OPTION and CASH). """
    leaves_quantity: str
    """ Remaining unfilled quantity """
    order_type: OrderType
    """ Type of order (MARKET, LIMIT, etc.) """
    quantity: str
    """ Total order quantity """
    side: Side
    """ Side of the order (BUY, SELL, SELL_SHORT) """
    status: OrderStatus
    """ Current status of the order """
    symbol: str
    """ Trading symbol """
    time_in_force: TimeInForce
    """ Time in force instruction """
    updated_at: datetime.datetime
    """ Timestamp of the most recent update (UTC) """
    client_order_id: str | Unset = UNSET
    """ Client-provided identifier echoed back (FIX tag 11). Absent from the documented Cancel All Open Orders example,
    so not required. """
    venue: str | Unset = UNSET
    """ MIC code of the venue where the order is routed. Absent from the documented Cancel All Open Orders example, so
    not required. """
    average_fill_price: None | str | Unset = UNSET
    """ Average fill price across all executions. A null or absent value means there is no available data. """
    details: list[str] | None | Unset = UNSET
    """ Contains execution, rejection or cancellation details, if any """
    expires_at: datetime.datetime | None | Unset = UNSET
    """ Timestamp when the order will expire (UTC). Present when time_in_force is GOOD_TILL_DATE. A null or absent value
    means it does not apply. """
    extended_hours: bool | None | Unset = UNSET
    """ Whether the order is eligible for extended-hours trading. """
    limit_offset: None | str | Unset = UNSET
    """ Limit offset for trailing stop-limit orders (signed). A null or absent value means it does not apply. """
    limit_price: None | str | Unset = UNSET
    """ Limit price (for LIMIT and STOP_LIMIT orders). A null or absent value means it does not apply. """
    queue_state: None | QueueState | Unset = UNSET
    """ Parent order queue state, present when the order is awaiting release or released. A null or absent value means
    it does not apply. """
    releases_at: datetime.datetime | None | Unset = UNSET
    """ Scheduled release time for orders awaiting release. A null or absent value means it does not apply. """
    stop_price: None | str | Unset = UNSET
    """ Stop price (for STOP and STOP_LIMIT orders). A null or absent value means it does not apply. """
    trailing_limit_px: None | str | Unset = UNSET
    """ Current trailing limit price computed by the trailing strategy. A null or absent value means it does not apply. """
    trailing_offset: None | str | Unset = UNSET
    """ Trailing offset amount for trailing orders. A null or absent value means it does not apply. """
    trailing_offset_type: None | TrailingOffsetType | Unset = UNSET
    """ Trailing offset type for trailing orders. A null or absent value means it does not apply. """
    trailing_stop_px: None | str | Unset = UNSET
    """ Current trailing stop price computed by the trailing strategy. A null or absent value means it does not apply. """
    trailing_watermark_px: None | str | Unset = UNSET
    """ Trailing watermark price for trailing orders. A null or absent value means it does not apply. """
    trailing_watermark_ts: datetime.datetime | None | Unset = UNSET
    """ Trailing watermark timestamp for trailing orders. A null or absent value means it does not apply. """
    underlying_instrument_id: None | Unset | UUID = UNSET
    """ OEMS instrument ID of the option's underlying instrument. Populated only for options orders. A null means the
    order is not an option, or is an option whose underlier has not yet been resolved. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id
        account_id = self.account_id
        created_at = self.created_at.isoformat()
        filled_quantity = self.filled_quantity
        instrument_id = str(self.instrument_id)
        instrument_type = self.instrument_type.value
        leaves_quantity = self.leaves_quantity
        order_type = self.order_type.value
        quantity = self.quantity
        side = self.side.value
        status = self.status.value
        symbol = self.symbol
        time_in_force = self.time_in_force.value
        updated_at = self.updated_at.isoformat()
        client_order_id = self.client_order_id
        venue = self.venue
        average_fill_price: None | str | Unset
        if isinstance(self.average_fill_price, Unset):
            average_fill_price = UNSET
        else:
            average_fill_price = self.average_fill_price
        details: list[str] | None | Unset
        if isinstance(self.details, Unset):
            details = UNSET
        elif isinstance(self.details, list):
            details = self.details

        else:
            details = self.details
        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at
        extended_hours: bool | None | Unset
        if isinstance(self.extended_hours, Unset):
            extended_hours = UNSET
        else:
            extended_hours = self.extended_hours
        limit_offset: None | str | Unset
        if isinstance(self.limit_offset, Unset):
            limit_offset = UNSET
        else:
            limit_offset = self.limit_offset
        limit_price: None | str | Unset
        if isinstance(self.limit_price, Unset):
            limit_price = UNSET
        else:
            limit_price = self.limit_price
        queue_state: None | str | Unset
        if isinstance(self.queue_state, Unset):
            queue_state = UNSET
        elif isinstance(self.queue_state, QueueState):
            queue_state = self.queue_state.value
        else:
            queue_state = self.queue_state
        releases_at: None | str | Unset
        if isinstance(self.releases_at, Unset):
            releases_at = UNSET
        elif isinstance(self.releases_at, datetime.datetime):
            releases_at = self.releases_at.isoformat()
        else:
            releases_at = self.releases_at
        stop_price: None | str | Unset
        if isinstance(self.stop_price, Unset):
            stop_price = UNSET
        else:
            stop_price = self.stop_price
        trailing_limit_px: None | str | Unset
        if isinstance(self.trailing_limit_px, Unset):
            trailing_limit_px = UNSET
        else:
            trailing_limit_px = self.trailing_limit_px
        trailing_offset: None | str | Unset
        if isinstance(self.trailing_offset, Unset):
            trailing_offset = UNSET
        else:
            trailing_offset = self.trailing_offset
        trailing_offset_type: None | str | Unset
        if isinstance(self.trailing_offset_type, Unset):
            trailing_offset_type = UNSET
        elif isinstance(self.trailing_offset_type, TrailingOffsetType):
            trailing_offset_type = self.trailing_offset_type.value
        else:
            trailing_offset_type = self.trailing_offset_type
        trailing_stop_px: None | str | Unset
        if isinstance(self.trailing_stop_px, Unset):
            trailing_stop_px = UNSET
        else:
            trailing_stop_px = self.trailing_stop_px
        trailing_watermark_px: None | str | Unset
        if isinstance(self.trailing_watermark_px, Unset):
            trailing_watermark_px = UNSET
        else:
            trailing_watermark_px = self.trailing_watermark_px
        trailing_watermark_ts: None | str | Unset
        if isinstance(self.trailing_watermark_ts, Unset):
            trailing_watermark_ts = UNSET
        elif isinstance(self.trailing_watermark_ts, datetime.datetime):
            trailing_watermark_ts = self.trailing_watermark_ts.isoformat()
        else:
            trailing_watermark_ts = self.trailing_watermark_ts
        underlying_instrument_id: None | str | Unset
        if isinstance(self.underlying_instrument_id, Unset):
            underlying_instrument_id = UNSET
        elif isinstance(self.underlying_instrument_id, UUID):
            underlying_instrument_id = str(self.underlying_instrument_id)
        else:
            underlying_instrument_id = self.underlying_instrument_id

        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["id"] = id
        field_dict["account_id"] = account_id
        field_dict["created_at"] = created_at
        field_dict["filled_quantity"] = filled_quantity
        field_dict["instrument_id"] = instrument_id
        field_dict["instrument_type"] = instrument_type
        field_dict["leaves_quantity"] = leaves_quantity
        field_dict["order_type"] = order_type
        field_dict["quantity"] = quantity
        field_dict["side"] = side
        field_dict["status"] = status
        field_dict["symbol"] = symbol
        field_dict["time_in_force"] = time_in_force
        field_dict["updated_at"] = updated_at
        if client_order_id is not UNSET:
            field_dict["client_order_id"] = client_order_id
        if venue is not UNSET:
            field_dict["venue"] = venue
        if average_fill_price is not UNSET:
            field_dict["average_fill_price"] = average_fill_price
        if details is not UNSET:
            field_dict["details"] = details
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if extended_hours is not UNSET:
            field_dict["extended_hours"] = extended_hours
        if limit_offset is not UNSET:
            field_dict["limit_offset"] = limit_offset
        if limit_price is not UNSET:
            field_dict["limit_price"] = limit_price
        if queue_state is not UNSET:
            field_dict["queue_state"] = queue_state
        if releases_at is not UNSET:
            field_dict["releases_at"] = releases_at
        if stop_price is not UNSET:
            field_dict["stop_price"] = stop_price
        if trailing_limit_px is not UNSET:
            field_dict["trailing_limit_px"] = trailing_limit_px
        if trailing_offset is not UNSET:
            field_dict["trailing_offset"] = trailing_offset
        if trailing_offset_type is not UNSET:
            field_dict["trailing_offset_type"] = trailing_offset_type
        if trailing_stop_px is not UNSET:
            field_dict["trailing_stop_px"] = trailing_stop_px
        if trailing_watermark_px is not UNSET:
            field_dict["trailing_watermark_px"] = trailing_watermark_px
        if trailing_watermark_ts is not UNSET:
            field_dict["trailing_watermark_ts"] = trailing_watermark_ts
        if underlying_instrument_id is not UNSET:
            field_dict["underlying_instrument_id"] = underlying_instrument_id
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("Order", "(self)", "an object", src_dict)
        try:
            _id = src_dict["id"]
            _account_id = src_dict["account_id"]
            _created_at = src_dict["created_at"]
            _filled_quantity = src_dict["filled_quantity"]
            _instrument_id = src_dict["instrument_id"]
            _instrument_type = src_dict["instrument_type"]
            _leaves_quantity = src_dict["leaves_quantity"]
            _order_type = src_dict["order_type"]
            _quantity = src_dict["quantity"]
            _side = src_dict["side"]
            _status = src_dict["status"]
            _symbol = src_dict["symbol"]
            _time_in_force = src_dict["time_in_force"]
            _updated_at = src_dict["updated_at"]
        except KeyError as missing:
            raise invalid("Order", str(missing.args[0]), "", UNSET) from None
        get = src_dict.get
        id: str
        if isinstance(_id, str):
            id = _id
        else:
            raise invalid("Order", "id", "a string", _id)

        account_id: int
        if isinstance(_account_id, int) and not isinstance(_account_id, bool):
            account_id = _account_id
        else:
            raise invalid("Order", "account_id", "an integer", _account_id)

        created_at: datetime.datetime
        if isinstance(_created_at, str):
            try:
                created_at = parse_datetime(_created_at)
            except ValueError:
                raise invalid("Order", "created_at", "an RFC 3339 date-time", _created_at) from None
        else:
            raise invalid("Order", "created_at", "an RFC 3339 date-time", _created_at)

        filled_quantity: str
        if isinstance(_filled_quantity, str):
            filled_quantity = _filled_quantity
        else:
            raise invalid("Order", "filled_quantity", "a string", _filled_quantity)

        instrument_id: UUID
        if isinstance(_instrument_id, str):
            try:
                instrument_id = parse_uuid(_instrument_id)
            except ValueError:
                raise invalid("Order", "instrument_id", "a UUID", _instrument_id) from None
        else:
            raise invalid("Order", "instrument_id", "a UUID", _instrument_id)

        instrument_type: SecurityType
        if isinstance(_instrument_type, str):
            instrument_type = SecurityType._value2member_map_.get(_instrument_type) or SecurityType.parse(
                _instrument_type
            )  # type: ignore[assignment]
        else:
            raise invalid("Order", "instrument_type", "a string", _instrument_type)

        leaves_quantity: str
        if isinstance(_leaves_quantity, str):
            leaves_quantity = _leaves_quantity
        else:
            raise invalid("Order", "leaves_quantity", "a string", _leaves_quantity)

        order_type: OrderType
        if isinstance(_order_type, str):
            order_type = OrderType._value2member_map_.get(_order_type) or OrderType.parse(_order_type)  # type: ignore[assignment]
        else:
            raise invalid("Order", "order_type", "a string", _order_type)

        quantity: str
        if isinstance(_quantity, str):
            quantity = _quantity
        else:
            raise invalid("Order", "quantity", "a string", _quantity)

        side: Side
        if isinstance(_side, str):
            side = Side._value2member_map_.get(_side) or Side.parse(_side)  # type: ignore[assignment]
        else:
            raise invalid("Order", "side", "a string", _side)

        status: OrderStatus
        if isinstance(_status, str):
            status = OrderStatus._value2member_map_.get(_status) or OrderStatus.parse(_status)  # type: ignore[assignment]
        else:
            raise invalid("Order", "status", "a string", _status)

        symbol: str
        if isinstance(_symbol, str):
            symbol = _symbol
        else:
            raise invalid("Order", "symbol", "a string", _symbol)

        time_in_force: TimeInForce
        if isinstance(_time_in_force, str):
            time_in_force = TimeInForce._value2member_map_.get(_time_in_force) or TimeInForce.parse(_time_in_force)  # type: ignore[assignment]
        else:
            raise invalid("Order", "time_in_force", "a string", _time_in_force)

        updated_at: datetime.datetime
        if isinstance(_updated_at, str):
            try:
                updated_at = parse_datetime(_updated_at)
            except ValueError:
                raise invalid("Order", "updated_at", "an RFC 3339 date-time", _updated_at) from None
        else:
            raise invalid("Order", "updated_at", "an RFC 3339 date-time", _updated_at)

        client_order_id: str | Unset
        _client_order_id = get("client_order_id", UNSET)
        if _client_order_id is UNSET:
            client_order_id = UNSET
        elif isinstance(_client_order_id, str):
            client_order_id = _client_order_id
        else:
            raise invalid("Order", "client_order_id", "a string", _client_order_id)

        venue: str | Unset
        _venue = get("venue", UNSET)
        if _venue is UNSET:
            venue = UNSET
        elif isinstance(_venue, str):
            venue = _venue
        else:
            raise invalid("Order", "venue", "a string", _venue)

        average_fill_price: None | str | Unset
        _average_fill_price = get("average_fill_price", UNSET)
        if _average_fill_price is None or _average_fill_price is UNSET or isinstance(_average_fill_price, str):
            average_fill_price = _average_fill_price
        else:
            raise invalid("Order", "average_fill_price", "a string", _average_fill_price)

        details: list[str] | None | Unset
        _details = get("details", UNSET)
        if _details is None or _details is UNSET:
            details = _details
        elif isinstance(_details, list):
            details = []
            for details_item in _details:
                if isinstance(details_item, str):
                    details_value = details_item
                else:
                    raise invalid("Order", "details[]", "a string", details_item)

                details.append(details_value)
        else:
            raise invalid("Order", "details", "an array", _details)

        expires_at: datetime.datetime | None | Unset
        _expires_at = get("expires_at", UNSET)
        if _expires_at is None or _expires_at is UNSET:
            expires_at = _expires_at
        elif isinstance(_expires_at, str):
            try:
                expires_at = parse_datetime(_expires_at)
            except ValueError:
                raise invalid("Order", "expires_at", "an RFC 3339 date-time", _expires_at) from None
        else:
            raise invalid("Order", "expires_at", "an RFC 3339 date-time", _expires_at)

        extended_hours: bool | None | Unset
        _extended_hours = get("extended_hours", UNSET)
        if _extended_hours is None or _extended_hours is UNSET or isinstance(_extended_hours, bool):
            extended_hours = _extended_hours
        else:
            raise invalid("Order", "extended_hours", "a boolean", _extended_hours)

        limit_offset: None | str | Unset
        _limit_offset = get("limit_offset", UNSET)
        if _limit_offset is None or _limit_offset is UNSET or isinstance(_limit_offset, str):
            limit_offset = _limit_offset
        else:
            raise invalid("Order", "limit_offset", "a string", _limit_offset)

        limit_price: None | str | Unset
        _limit_price = get("limit_price", UNSET)
        if _limit_price is None or _limit_price is UNSET or isinstance(_limit_price, str):
            limit_price = _limit_price
        else:
            raise invalid("Order", "limit_price", "a string", _limit_price)

        queue_state: None | QueueState | Unset
        _queue_state = get("queue_state", UNSET)
        if _queue_state is None or _queue_state is UNSET:
            queue_state = _queue_state
        elif isinstance(_queue_state, str):
            queue_state = QueueState._value2member_map_.get(_queue_state) or QueueState.parse(_queue_state)  # type: ignore[assignment]
        else:
            raise invalid("Order", "queue_state", "a string", _queue_state)

        releases_at: datetime.datetime | None | Unset
        _releases_at = get("releases_at", UNSET)
        if _releases_at is None or _releases_at is UNSET:
            releases_at = _releases_at
        elif isinstance(_releases_at, str):
            try:
                releases_at = parse_datetime(_releases_at)
            except ValueError:
                raise invalid("Order", "releases_at", "an RFC 3339 date-time", _releases_at) from None
        else:
            raise invalid("Order", "releases_at", "an RFC 3339 date-time", _releases_at)

        stop_price: None | str | Unset
        _stop_price = get("stop_price", UNSET)
        if _stop_price is None or _stop_price is UNSET or isinstance(_stop_price, str):
            stop_price = _stop_price
        else:
            raise invalid("Order", "stop_price", "a string", _stop_price)

        trailing_limit_px: None | str | Unset
        _trailing_limit_px = get("trailing_limit_px", UNSET)
        if _trailing_limit_px is None or _trailing_limit_px is UNSET or isinstance(_trailing_limit_px, str):
            trailing_limit_px = _trailing_limit_px
        else:
            raise invalid("Order", "trailing_limit_px", "a string", _trailing_limit_px)

        trailing_offset: None | str | Unset
        _trailing_offset = get("trailing_offset", UNSET)
        if _trailing_offset is None or _trailing_offset is UNSET or isinstance(_trailing_offset, str):
            trailing_offset = _trailing_offset
        else:
            raise invalid("Order", "trailing_offset", "a string", _trailing_offset)

        trailing_offset_type: None | TrailingOffsetType | Unset
        _trailing_offset_type = get("trailing_offset_type", UNSET)
        if _trailing_offset_type is None or _trailing_offset_type is UNSET:
            trailing_offset_type = _trailing_offset_type
        elif isinstance(_trailing_offset_type, str):
            trailing_offset_type = TrailingOffsetType._value2member_map_.get(
                _trailing_offset_type
            ) or TrailingOffsetType.parse(_trailing_offset_type)  # type: ignore[assignment]
        else:
            raise invalid("Order", "trailing_offset_type", "a string", _trailing_offset_type)

        trailing_stop_px: None | str | Unset
        _trailing_stop_px = get("trailing_stop_px", UNSET)
        if _trailing_stop_px is None or _trailing_stop_px is UNSET or isinstance(_trailing_stop_px, str):
            trailing_stop_px = _trailing_stop_px
        else:
            raise invalid("Order", "trailing_stop_px", "a string", _trailing_stop_px)

        trailing_watermark_px: None | str | Unset
        _trailing_watermark_px = get("trailing_watermark_px", UNSET)
        if _trailing_watermark_px is None or _trailing_watermark_px is UNSET or isinstance(_trailing_watermark_px, str):
            trailing_watermark_px = _trailing_watermark_px
        else:
            raise invalid("Order", "trailing_watermark_px", "a string", _trailing_watermark_px)

        trailing_watermark_ts: datetime.datetime | None | Unset
        _trailing_watermark_ts = get("trailing_watermark_ts", UNSET)
        if _trailing_watermark_ts is None or _trailing_watermark_ts is UNSET:
            trailing_watermark_ts = _trailing_watermark_ts
        elif isinstance(_trailing_watermark_ts, str):
            try:
                trailing_watermark_ts = parse_datetime(_trailing_watermark_ts)
            except ValueError:
                raise invalid(
                    "Order", "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts
                ) from None
        else:
            raise invalid("Order", "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts)

        underlying_instrument_id: None | Unset | UUID
        _underlying_instrument_id = get("underlying_instrument_id", UNSET)
        if _underlying_instrument_id is None or _underlying_instrument_id is UNSET:
            underlying_instrument_id = _underlying_instrument_id
        elif isinstance(_underlying_instrument_id, str):
            try:
                underlying_instrument_id = parse_uuid(_underlying_instrument_id)
            except ValueError:
                raise invalid("Order", "underlying_instrument_id", "a UUID", _underlying_instrument_id) from None
        else:
            raise invalid("Order", "underlying_instrument_id", "a UUID", _underlying_instrument_id)

        # Positional, in declaration order (required fields first, as declared above): faster than keywords.
        obj = cls(
            id,
            account_id,
            created_at,
            filled_quantity,
            instrument_id,
            instrument_type,
            leaves_quantity,
            order_type,
            quantity,
            side,
            status,
            symbol,
            time_in_force,
            updated_at,
            client_order_id,
            venue,
            average_fill_price,
            details,
            expires_at,
            extended_hours,
            limit_offset,
            limit_price,
            queue_state,
            releases_at,
            stop_price,
            trailing_limit_px,
            trailing_offset,
            trailing_offset_type,
            trailing_stop_px,
            trailing_watermark_px,
            trailing_watermark_ts,
            underlying_instrument_id,
        )
        if not _KNOWN_FIELDS.issuperset(src_dict):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


_KNOWN_FIELDS = frozenset(
    {
        "id",
        "account_id",
        "created_at",
        "filled_quantity",
        "instrument_id",
        "instrument_type",
        "leaves_quantity",
        "order_type",
        "quantity",
        "side",
        "status",
        "symbol",
        "time_in_force",
        "updated_at",
        "client_order_id",
        "venue",
        "average_fill_price",
        "details",
        "expires_at",
        "extended_hours",
        "limit_offset",
        "limit_price",
        "queue_state",
        "releases_at",
        "stop_price",
        "trailing_limit_px",
        "trailing_offset",
        "trailing_offset_type",
        "trailing_stop_px",
        "trailing_watermark_px",
        "trailing_watermark_ts",
        "underlying_instrument_id",
    }
)
