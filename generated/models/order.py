"""Custom template: overrides/templates/model.py.jinja (the stock one trusts its input; this one checks every
field, keeps what the server sent exactly, and reports deviations; date-times are ``Timestamp``s)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import Deviation, deviate, invalid
from ..types import (
    API_FORM_ENDINGS,
    REQUIRED,
    UNSET,
    Timestamp,
    Unset,
    WireFields,
    check_date_digits,
    lazy_fields,
    learned_values,
    parse_datetime,
    to_json,
)

_new = object.__new__

from ..models.order_status import OrderStatus
from ..models.order_type import OrderType
from ..models.queue_state import QueueState
from ..models.security_type import SecurityType
from ..models.side import Side
from ..models.time_in_force import TimeInForce
from ..models.trailing_offset_type import TrailingOffsetType


@_attrs_define
class Order:
    """A trading order with its current state and execution details.

    This is the unified API representation of an order across its lifecycle, combining data from execution reports,
    order status queries, and parent/child tracking."""

    id: str
    """ Engine-assigned unique identifier for this order (UUID). """
    account_id: int
    """ Account placing the order """
    created_at: Timestamp
    """ Timestamp when order was created (UTC) """
    filled_quantity: str
    """ Cumulative filled quantity """
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
    time_in_force: TimeInForce
    """ Time in force instruction """
    updated_at: Timestamp
    """ Timestamp of the most recent update (UTC) """
    client_order_id: str | Unset = UNSET
    """ Client-provided identifier echoed back (FIX tag 11). Absent from the documented Cancel All Open Orders example,
    so not required. """
    instrument_id: None | str | Unset = UNSET
    """ OEMS instrument ID (a UUID) of the traded instrument; null when the order has no single resolvable instrument (a
    multi-leg order, for one). A string, as in Clear Street's published document, so that it compares equal to the
    id it is written as. """
    instrument_type: None | SecurityType | Unset = UNSET
    """ The instrument's type; null when the order has no single resolvable instrument. """
    symbol: None | str | Unset = UNSET
    """ Trading symbol; null when the order has no single resolvable instrument. """
    venue: str | Unset = UNSET
    """ MIC code of the venue where the order is routed. Absent from the documented Cancel All Open Orders example, so
    not required. """
    average_fill_price: None | str | Unset = UNSET
    """ Average fill price across all executions. A null or absent value means there is no available data. """
    details: list[str] | None | Unset = UNSET
    """ Contains execution, rejection or cancellation details, if any """
    expires_at: Timestamp | None | Unset = UNSET
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
    releases_at: Timestamp | None | Unset = UNSET
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
    trailing_watermark_ts: Timestamp | None | Unset = UNSET
    """ Trailing watermark timestamp for trailing orders. A null or absent value means it does not apply. """
    underlying_instrument_id: None | str | Unset = UNSET
    """ OEMS instrument ID of the option's underlying instrument. Populated only for options orders. A null means the
    order is not an option, or is an option whose underlier has not yet been resolved. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.id, Unset):
            field_dict["id"] = self.id
        if not isinstance(self.account_id, Unset):
            field_dict["account_id"] = self.account_id
        if not isinstance(self.created_at, Unset):
            field_dict["created_at"] = to_json(self.created_at)
        if not isinstance(self.filled_quantity, Unset):
            field_dict["filled_quantity"] = self.filled_quantity
        if not isinstance(self.leaves_quantity, Unset):
            field_dict["leaves_quantity"] = self.leaves_quantity
        if not isinstance(self.order_type, Unset):
            field_dict["order_type"] = to_json(self.order_type)
        if not isinstance(self.quantity, Unset):
            field_dict["quantity"] = self.quantity
        if not isinstance(self.side, Unset):
            field_dict["side"] = to_json(self.side)
        if not isinstance(self.status, Unset):
            field_dict["status"] = to_json(self.status)
        if not isinstance(self.time_in_force, Unset):
            field_dict["time_in_force"] = to_json(self.time_in_force)
        if not isinstance(self.updated_at, Unset):
            field_dict["updated_at"] = to_json(self.updated_at)
        if not isinstance(self.client_order_id, Unset):
            field_dict["client_order_id"] = self.client_order_id
        if not isinstance(self.instrument_id, Unset):
            field_dict["instrument_id"] = self.instrument_id
        if not isinstance(self.instrument_type, Unset):
            field_dict["instrument_type"] = to_json(self.instrument_type)
        if not isinstance(self.symbol, Unset):
            field_dict["symbol"] = self.symbol
        if not isinstance(self.venue, Unset):
            field_dict["venue"] = self.venue
        if not isinstance(self.average_fill_price, Unset):
            field_dict["average_fill_price"] = self.average_fill_price
        if not isinstance(self.details, Unset):
            field_dict["details"] = to_json(self.details)
        if not isinstance(self.expires_at, Unset):
            field_dict["expires_at"] = to_json(self.expires_at)
        if not isinstance(self.extended_hours, Unset):
            field_dict["extended_hours"] = self.extended_hours
        if not isinstance(self.limit_offset, Unset):
            field_dict["limit_offset"] = self.limit_offset
        if not isinstance(self.limit_price, Unset):
            field_dict["limit_price"] = self.limit_price
        if not isinstance(self.queue_state, Unset):
            field_dict["queue_state"] = to_json(self.queue_state)
        if not isinstance(self.releases_at, Unset):
            field_dict["releases_at"] = to_json(self.releases_at)
        if not isinstance(self.stop_price, Unset):
            field_dict["stop_price"] = self.stop_price
        if not isinstance(self.trailing_limit_px, Unset):
            field_dict["trailing_limit_px"] = self.trailing_limit_px
        if not isinstance(self.trailing_offset, Unset):
            field_dict["trailing_offset"] = self.trailing_offset
        if not isinstance(self.trailing_offset_type, Unset):
            field_dict["trailing_offset_type"] = to_json(self.trailing_offset_type)
        if not isinstance(self.trailing_stop_px, Unset):
            field_dict["trailing_stop_px"] = self.trailing_stop_px
        if not isinstance(self.trailing_watermark_px, Unset):
            field_dict["trailing_watermark_px"] = self.trailing_watermark_px
        if not isinstance(self.trailing_watermark_ts, Unset):
            field_dict["trailing_watermark_ts"] = to_json(self.trailing_watermark_ts)
        if not isinstance(self.underlying_instrument_id, Unset):
            field_dict["underlying_instrument_id"] = self.underlying_instrument_id
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("Order", "(self)", "an object", src_dict)
        try:
            id = src_dict["id"]
            account_id = src_dict["account_id"]
            _created_at = src_dict["created_at"]
            filled_quantity = src_dict["filled_quantity"]
            leaves_quantity = src_dict["leaves_quantity"]
            _order_type = src_dict["order_type"]
            quantity = src_dict["quantity"]
            _side = src_dict["side"]
            _status = src_dict["status"]
            _time_in_force = src_dict["time_in_force"]
            _updated_at = src_dict["updated_at"]
        except KeyError as missing:
            raise invalid("Order", str(missing.args[0]), "", UNSET) from None
        absent = 0  # fields the JSON leaves out: with its length, whether it has keys the spec does not know (no set)
        if not (isinstance(id, str)):
            raise invalid("Order", "id", "a string", id)
        if not (type(account_id) is int):
            raise invalid("Order", "account_id", "an integer", account_id)
        created_at: Timestamp | str
        if isinstance(_created_at, str):
            try:
                # The API's own form is checked in full now but kept as text; the field's LazyTimestamp makes it a
                # Timestamp when first read. Any other form is parsed now.
                if _created_at[26:] in API_FORM_ENDINGS and _created_at[4:20:3] == "--T::.":
                    check_date_digits(_created_at)
                    created_at = _created_at
                else:
                    created_at = parse_datetime(_created_at)
            except ValueError:
                raise invalid("Order", "created_at", "an RFC 3339 date-time", _created_at)
        else:
            raise invalid("Order", "created_at", "an RFC 3339 date-time", _created_at)

        if not (isinstance(filled_quantity, str)):
            raise invalid("Order", "filled_quantity", "a string", filled_quantity)
        if not (isinstance(leaves_quantity, str)):
            raise invalid("Order", "leaves_quantity", "a string", leaves_quantity)
        order_type: OrderType
        try:  # the look-up first: the type is checked only when it fails
            order_type = _OrderType_members[_order_type]
        except (KeyError, TypeError):  # not known (the open enum keeps it), or not a string
            if not isinstance(_order_type, str):
                raise invalid("Order", "order_type", "a string", _order_type)
            order_type = OrderType.parse(_order_type)

        if not (isinstance(quantity, str)):
            raise invalid("Order", "quantity", "a string", quantity)
        side: Side
        try:  # the look-up first: the type is checked only when it fails
            side = _Side_members[_side]
        except (KeyError, TypeError):  # not known (the open enum keeps it), or not a string
            if not isinstance(_side, str):
                raise invalid("Order", "side", "a string", _side)
            side = Side.parse(_side)

        status: OrderStatus
        try:  # the look-up first: the type is checked only when it fails
            status = _OrderStatus_members[_status]
        except (KeyError, TypeError):  # not known (the open enum keeps it), or not a string
            if not isinstance(_status, str):
                raise invalid("Order", "status", "a string", _status)
            status = OrderStatus.parse(_status)

        time_in_force: TimeInForce
        try:  # the look-up first: the type is checked only when it fails
            time_in_force = _TimeInForce_members[_time_in_force]
        except (KeyError, TypeError):  # not known (the open enum keeps it), or not a string
            if not isinstance(_time_in_force, str):
                raise invalid("Order", "time_in_force", "a string", _time_in_force)
            time_in_force = TimeInForce.parse(_time_in_force)

        updated_at: Timestamp | str
        if isinstance(_updated_at, str):
            try:
                # The API's own form is checked in full now but kept as text; the field's LazyTimestamp makes it a
                # Timestamp when first read. Any other form is parsed now.
                if _updated_at[26:] in API_FORM_ENDINGS and _updated_at[4:20:3] == "--T::.":
                    check_date_digits(_updated_at)
                    updated_at = _updated_at
                else:
                    updated_at = parse_datetime(_updated_at)
            except ValueError:
                raise invalid("Order", "updated_at", "an RFC 3339 date-time", _updated_at)
        else:
            raise invalid("Order", "updated_at", "an RFC 3339 date-time", _updated_at)

        if "client_order_id" in src_dict:
            client_order_id = src_dict["client_order_id"]
            if not (isinstance(client_order_id, str)):
                raise invalid("Order", "client_order_id", "a string", client_order_id)
        else:
            client_order_id = UNSET
            absent += 1
        if "instrument_id" in src_dict:
            instrument_id = src_dict["instrument_id"]
            if not (isinstance(instrument_id, str) or instrument_id is None):
                raise invalid("Order", "instrument_id", "a string", instrument_id)
        else:
            instrument_id = UNSET
            absent += 1
        instrument_type: None | SecurityType | Unset
        if "instrument_type" in src_dict:
            _instrument_type = src_dict["instrument_type"]
        else:
            _instrument_type = UNSET
            absent += 1
        if _instrument_type is UNSET:
            instrument_type = UNSET
        elif _instrument_type is None:
            instrument_type = None
        elif isinstance(_instrument_type, str):
            try:
                instrument_type = _SecurityType_members[_instrument_type]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                instrument_type = SecurityType.parse(_instrument_type)
        else:
            raise invalid("Order", "instrument_type", "a string", _instrument_type)

        if "symbol" in src_dict:
            symbol = src_dict["symbol"]
            if not (isinstance(symbol, str) or symbol is None):
                raise invalid("Order", "symbol", "a string", symbol)
        else:
            symbol = UNSET
            absent += 1
        if "venue" in src_dict:
            venue = src_dict["venue"]
            if not (isinstance(venue, str)):
                raise invalid("Order", "venue", "a string", venue)
        else:
            venue = UNSET
            absent += 1
        if "average_fill_price" in src_dict:
            average_fill_price = src_dict["average_fill_price"]
            if not (isinstance(average_fill_price, str) or average_fill_price is None):
                raise invalid("Order", "average_fill_price", "a string", average_fill_price)
        else:
            average_fill_price = UNSET
            absent += 1
        details: list[str] | None | Unset
        if "details" in src_dict:
            _details = src_dict["details"]
        else:
            _details = UNSET
            absent += 1
        if _details is UNSET:
            details = UNSET
        elif _details is None:
            details = None
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

        expires_at: Timestamp | None | Unset | str
        if "expires_at" in src_dict:
            _expires_at = src_dict["expires_at"]
        else:
            _expires_at = UNSET
            absent += 1
        if _expires_at is UNSET:
            expires_at = UNSET
        elif _expires_at is None:
            expires_at = None
        elif isinstance(_expires_at, str):
            try:
                # The API's own form is checked in full now but kept as text; the field's LazyTimestamp makes it a
                # Timestamp when first read. Any other form is parsed now.
                if _expires_at[26:] in API_FORM_ENDINGS and _expires_at[4:20:3] == "--T::.":
                    check_date_digits(_expires_at)
                    expires_at = _expires_at
                else:
                    expires_at = parse_datetime(_expires_at)
            except ValueError:
                raise invalid("Order", "expires_at", "an RFC 3339 date-time", _expires_at)
        else:
            raise invalid("Order", "expires_at", "an RFC 3339 date-time", _expires_at)

        if "extended_hours" in src_dict:
            extended_hours = src_dict["extended_hours"]
            if not (extended_hours is True or extended_hours is False or extended_hours is None):
                raise invalid("Order", "extended_hours", "a boolean", extended_hours)
        else:
            extended_hours = UNSET
            absent += 1
        if "limit_offset" in src_dict:
            limit_offset = src_dict["limit_offset"]
            if not (isinstance(limit_offset, str) or limit_offset is None):
                raise invalid("Order", "limit_offset", "a string", limit_offset)
        else:
            limit_offset = UNSET
            absent += 1
        if "limit_price" in src_dict:
            limit_price = src_dict["limit_price"]
            if not (isinstance(limit_price, str) or limit_price is None):
                raise invalid("Order", "limit_price", "a string", limit_price)
        else:
            limit_price = UNSET
            absent += 1
        queue_state: None | QueueState | Unset
        if "queue_state" in src_dict:
            _queue_state = src_dict["queue_state"]
        else:
            _queue_state = UNSET
            absent += 1
        if _queue_state is UNSET:
            queue_state = UNSET
        elif _queue_state is None:
            queue_state = None
        elif isinstance(_queue_state, str):
            try:
                queue_state = _QueueState_members[_queue_state]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                queue_state = QueueState.parse(_queue_state)
        else:
            raise invalid("Order", "queue_state", "a string", _queue_state)

        releases_at: Timestamp | None | Unset | str
        if "releases_at" in src_dict:
            _releases_at = src_dict["releases_at"]
        else:
            _releases_at = UNSET
            absent += 1
        if _releases_at is UNSET:
            releases_at = UNSET
        elif _releases_at is None:
            releases_at = None
        elif isinstance(_releases_at, str):
            try:
                # The API's own form is checked in full now but kept as text; the field's LazyTimestamp makes it a
                # Timestamp when first read. Any other form is parsed now.
                if _releases_at[26:] in API_FORM_ENDINGS and _releases_at[4:20:3] == "--T::.":
                    check_date_digits(_releases_at)
                    releases_at = _releases_at
                else:
                    releases_at = parse_datetime(_releases_at)
            except ValueError:
                raise invalid("Order", "releases_at", "an RFC 3339 date-time", _releases_at)
        else:
            raise invalid("Order", "releases_at", "an RFC 3339 date-time", _releases_at)

        if "stop_price" in src_dict:
            stop_price = src_dict["stop_price"]
            if not (isinstance(stop_price, str) or stop_price is None):
                raise invalid("Order", "stop_price", "a string", stop_price)
        else:
            stop_price = UNSET
            absent += 1
        if "trailing_limit_px" in src_dict:
            trailing_limit_px = src_dict["trailing_limit_px"]
            if not (isinstance(trailing_limit_px, str) or trailing_limit_px is None):
                raise invalid("Order", "trailing_limit_px", "a string", trailing_limit_px)
        else:
            trailing_limit_px = UNSET
            absent += 1
        if "trailing_offset" in src_dict:
            trailing_offset = src_dict["trailing_offset"]
            if not (isinstance(trailing_offset, str) or trailing_offset is None):
                raise invalid("Order", "trailing_offset", "a string", trailing_offset)
        else:
            trailing_offset = UNSET
            absent += 1
        trailing_offset_type: None | TrailingOffsetType | Unset
        if "trailing_offset_type" in src_dict:
            _trailing_offset_type = src_dict["trailing_offset_type"]
        else:
            _trailing_offset_type = UNSET
            absent += 1
        if _trailing_offset_type is UNSET:
            trailing_offset_type = UNSET
        elif _trailing_offset_type is None:
            trailing_offset_type = None
        elif isinstance(_trailing_offset_type, str):
            try:
                trailing_offset_type = _TrailingOffsetType_members[_trailing_offset_type]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                trailing_offset_type = TrailingOffsetType.parse(_trailing_offset_type)
        else:
            raise invalid("Order", "trailing_offset_type", "a string", _trailing_offset_type)

        if "trailing_stop_px" in src_dict:
            trailing_stop_px = src_dict["trailing_stop_px"]
            if not (isinstance(trailing_stop_px, str) or trailing_stop_px is None):
                raise invalid("Order", "trailing_stop_px", "a string", trailing_stop_px)
        else:
            trailing_stop_px = UNSET
            absent += 1
        if "trailing_watermark_px" in src_dict:
            trailing_watermark_px = src_dict["trailing_watermark_px"]
            if not (isinstance(trailing_watermark_px, str) or trailing_watermark_px is None):
                raise invalid("Order", "trailing_watermark_px", "a string", trailing_watermark_px)
        else:
            trailing_watermark_px = UNSET
            absent += 1
        trailing_watermark_ts: Timestamp | None | Unset | str
        if "trailing_watermark_ts" in src_dict:
            _trailing_watermark_ts = src_dict["trailing_watermark_ts"]
        else:
            _trailing_watermark_ts = UNSET
            absent += 1
        if _trailing_watermark_ts is UNSET:
            trailing_watermark_ts = UNSET
        elif _trailing_watermark_ts is None:
            trailing_watermark_ts = None
        elif isinstance(_trailing_watermark_ts, str):
            try:
                # The API's own form is checked in full now but kept as text; the field's LazyTimestamp makes it a
                # Timestamp when first read. Any other form is parsed now.
                if _trailing_watermark_ts[26:] in API_FORM_ENDINGS and _trailing_watermark_ts[4:20:3] == "--T::.":
                    check_date_digits(_trailing_watermark_ts)
                    trailing_watermark_ts = _trailing_watermark_ts
                else:
                    trailing_watermark_ts = parse_datetime(_trailing_watermark_ts)
            except ValueError:
                raise invalid("Order", "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts)
        else:
            raise invalid("Order", "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts)

        if "underlying_instrument_id" in src_dict:
            underlying_instrument_id = src_dict["underlying_instrument_id"]
            if not (isinstance(underlying_instrument_id, str) or underlying_instrument_id is None):
                raise invalid("Order", "underlying_instrument_id", "a string", underlying_instrument_id)
        else:
            underlying_instrument_id = UNSET
            absent += 1
        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.id = id
        obj.account_id = account_id
        obj._slot_created_at = created_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.filled_quantity = filled_quantity
        obj.leaves_quantity = leaves_quantity
        obj.order_type = order_type
        obj.quantity = quantity
        obj.side = side
        obj.status = status
        obj.time_in_force = time_in_force
        obj._slot_updated_at = updated_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.client_order_id = client_order_id
        obj.instrument_id = instrument_id
        obj.instrument_type = instrument_type
        obj.symbol = symbol
        obj.venue = venue
        obj.average_fill_price = average_fill_price
        obj.details = details
        obj._slot_expires_at = expires_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.extended_hours = extended_hours
        obj.limit_offset = limit_offset
        obj.limit_price = limit_price
        obj.queue_state = queue_state
        obj._slot_releases_at = releases_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.stop_price = stop_price
        obj.trailing_limit_px = trailing_limit_px
        obj.trailing_offset = trailing_offset
        obj.trailing_offset_type = trailing_offset_type
        obj.trailing_stop_px = trailing_stop_px
        obj.trailing_watermark_px = trailing_watermark_px
        obj._slot_trailing_watermark_ts = trailing_watermark_ts  # type: ignore[attr-defined]  # see lazy_fields
        obj.underlying_instrument_id = underlying_instrument_id
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (len(src_dict) + absent == 32):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def from_dict_reporting(cls, src_dict: Mapping[str, Any], deviations: list[Deviation], at_path: str = "") -> Self:
        """``from_dict`` for a body it refused: each field that deviates from the spec is appended to
        ``deviations`` with its JSON path under ``at_path`` and kept as received. Raises ``errors.InvalidData``
        only when the body is no result at all (not an object, or its ``data`` missing or of the wrong kind)."""
        if not isinstance(src_dict, Mapping):
            raise invalid("Order", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        id: Any
        _id = get("id", UNSET)
        if _id is UNSET:
            id = deviate(deviations, at_path, "id", "", _id)
        elif isinstance(_id, str):
            id = _id
        else:
            id = deviate(deviations, at_path, "id", "a string", _id)

        account_id: Any
        _account_id = get("account_id", UNSET)
        if _account_id is UNSET:
            account_id = deviate(deviations, at_path, "account_id", "", _account_id)
        elif isinstance(_account_id, int) and not isinstance(_account_id, bool):
            account_id = _account_id
        else:
            account_id = deviate(deviations, at_path, "account_id", "an integer", _account_id)

        created_at: Any
        _created_at = get("created_at", UNSET)
        if _created_at is UNSET:
            created_at = deviate(deviations, at_path, "created_at", "", _created_at)
        elif isinstance(_created_at, str):
            try:
                created_at = parse_datetime(_created_at)
            except ValueError:
                created_at = deviate(deviations, at_path, "created_at", "an RFC 3339 date-time", _created_at)
        else:
            created_at = deviate(deviations, at_path, "created_at", "an RFC 3339 date-time", _created_at)

        filled_quantity: Any
        _filled_quantity = get("filled_quantity", UNSET)
        if _filled_quantity is UNSET:
            filled_quantity = deviate(deviations, at_path, "filled_quantity", "", _filled_quantity)
        elif isinstance(_filled_quantity, str):
            filled_quantity = _filled_quantity
        else:
            filled_quantity = deviate(deviations, at_path, "filled_quantity", "a string", _filled_quantity)

        leaves_quantity: Any
        _leaves_quantity = get("leaves_quantity", UNSET)
        if _leaves_quantity is UNSET:
            leaves_quantity = deviate(deviations, at_path, "leaves_quantity", "", _leaves_quantity)
        elif isinstance(_leaves_quantity, str):
            leaves_quantity = _leaves_quantity
        else:
            leaves_quantity = deviate(deviations, at_path, "leaves_quantity", "a string", _leaves_quantity)

        order_type: Any
        _order_type = get("order_type", UNSET)
        if _order_type is UNSET:
            order_type = deviate(deviations, at_path, "order_type", "", _order_type)
        elif isinstance(_order_type, str):
            try:
                order_type = _OrderType_members[_order_type]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                order_type = OrderType.parse(_order_type)
        else:
            order_type = deviate(deviations, at_path, "order_type", "a string", _order_type)

        quantity: Any
        _quantity = get("quantity", UNSET)
        if _quantity is UNSET:
            quantity = deviate(deviations, at_path, "quantity", "", _quantity)
        elif isinstance(_quantity, str):
            quantity = _quantity
        else:
            quantity = deviate(deviations, at_path, "quantity", "a string", _quantity)

        side: Any
        _side = get("side", UNSET)
        if _side is UNSET:
            side = deviate(deviations, at_path, "side", "", _side)
        elif isinstance(_side, str):
            try:
                side = _Side_members[_side]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                side = Side.parse(_side)
        else:
            side = deviate(deviations, at_path, "side", "a string", _side)

        status: Any
        _status = get("status", UNSET)
        if _status is UNSET:
            status = deviate(deviations, at_path, "status", "", _status)
        elif isinstance(_status, str):
            try:
                status = _OrderStatus_members[_status]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                status = OrderStatus.parse(_status)
        else:
            status = deviate(deviations, at_path, "status", "a string", _status)

        time_in_force: Any
        _time_in_force = get("time_in_force", UNSET)
        if _time_in_force is UNSET:
            time_in_force = deviate(deviations, at_path, "time_in_force", "", _time_in_force)
        elif isinstance(_time_in_force, str):
            try:
                time_in_force = _TimeInForce_members[_time_in_force]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                time_in_force = TimeInForce.parse(_time_in_force)
        else:
            time_in_force = deviate(deviations, at_path, "time_in_force", "a string", _time_in_force)

        updated_at: Any
        _updated_at = get("updated_at", UNSET)
        if _updated_at is UNSET:
            updated_at = deviate(deviations, at_path, "updated_at", "", _updated_at)
        elif isinstance(_updated_at, str):
            try:
                updated_at = parse_datetime(_updated_at)
            except ValueError:
                updated_at = deviate(deviations, at_path, "updated_at", "an RFC 3339 date-time", _updated_at)
        else:
            updated_at = deviate(deviations, at_path, "updated_at", "an RFC 3339 date-time", _updated_at)

        client_order_id: Any
        _client_order_id = get("client_order_id", UNSET)
        if _client_order_id is UNSET:
            client_order_id = UNSET
        elif isinstance(_client_order_id, str):
            client_order_id = _client_order_id
        else:
            client_order_id = deviate(deviations, at_path, "client_order_id", "a string", _client_order_id)

        instrument_id: Any
        _instrument_id = get("instrument_id", UNSET)
        if _instrument_id is UNSET:
            instrument_id = UNSET
        elif _instrument_id is None:
            instrument_id = None
        elif isinstance(_instrument_id, str):
            instrument_id = _instrument_id
        else:
            instrument_id = deviate(deviations, at_path, "instrument_id", "a string", _instrument_id)

        instrument_type: Any
        _instrument_type = get("instrument_type", UNSET)
        if _instrument_type is UNSET:
            instrument_type = UNSET
        elif _instrument_type is None:
            instrument_type = None
        elif isinstance(_instrument_type, str):
            try:
                instrument_type = _SecurityType_members[_instrument_type]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                instrument_type = SecurityType.parse(_instrument_type)
        else:
            instrument_type = deviate(deviations, at_path, "instrument_type", "a string", _instrument_type)

        symbol: Any
        _symbol = get("symbol", UNSET)
        if _symbol is UNSET:
            symbol = UNSET
        elif _symbol is None:
            symbol = None
        elif isinstance(_symbol, str):
            symbol = _symbol
        else:
            symbol = deviate(deviations, at_path, "symbol", "a string", _symbol)

        venue: Any
        _venue = get("venue", UNSET)
        if _venue is UNSET:
            venue = UNSET
        elif isinstance(_venue, str):
            venue = _venue
        else:
            venue = deviate(deviations, at_path, "venue", "a string", _venue)

        average_fill_price: Any
        _average_fill_price = get("average_fill_price", UNSET)
        if _average_fill_price is UNSET:
            average_fill_price = UNSET
        elif _average_fill_price is None:
            average_fill_price = None
        elif isinstance(_average_fill_price, str):
            average_fill_price = _average_fill_price
        else:
            average_fill_price = deviate(deviations, at_path, "average_fill_price", "a string", _average_fill_price)

        details: Any
        _details = get("details", UNSET)
        if _details is UNSET:
            details = UNSET
        elif _details is None:
            details = None
        elif isinstance(_details, list):
            details = []
            for details_index, details_item in enumerate(_details):
                if isinstance(details_item, str):
                    details_value = details_item
                else:
                    details_value = deviate(
                        deviations, at_path, "details" + f"[{details_index}]", "a string", details_item
                    )

                details.append(details_value)
        else:
            details = deviate(deviations, at_path, "details", "an array", _details)

        expires_at: Any
        _expires_at = get("expires_at", UNSET)
        if _expires_at is UNSET:
            expires_at = UNSET
        elif _expires_at is None:
            expires_at = None
        elif isinstance(_expires_at, str):
            try:
                expires_at = parse_datetime(_expires_at)
            except ValueError:
                expires_at = deviate(deviations, at_path, "expires_at", "an RFC 3339 date-time", _expires_at)
        else:
            expires_at = deviate(deviations, at_path, "expires_at", "an RFC 3339 date-time", _expires_at)

        extended_hours: Any
        _extended_hours = get("extended_hours", UNSET)
        if _extended_hours is UNSET:
            extended_hours = UNSET
        elif _extended_hours is None:
            extended_hours = None
        elif isinstance(_extended_hours, bool):
            extended_hours = _extended_hours
        else:
            extended_hours = deviate(deviations, at_path, "extended_hours", "a boolean", _extended_hours)

        limit_offset: Any
        _limit_offset = get("limit_offset", UNSET)
        if _limit_offset is UNSET:
            limit_offset = UNSET
        elif _limit_offset is None:
            limit_offset = None
        elif isinstance(_limit_offset, str):
            limit_offset = _limit_offset
        else:
            limit_offset = deviate(deviations, at_path, "limit_offset", "a string", _limit_offset)

        limit_price: Any
        _limit_price = get("limit_price", UNSET)
        if _limit_price is UNSET:
            limit_price = UNSET
        elif _limit_price is None:
            limit_price = None
        elif isinstance(_limit_price, str):
            limit_price = _limit_price
        else:
            limit_price = deviate(deviations, at_path, "limit_price", "a string", _limit_price)

        queue_state: Any
        _queue_state = get("queue_state", UNSET)
        if _queue_state is UNSET:
            queue_state = UNSET
        elif _queue_state is None:
            queue_state = None
        elif isinstance(_queue_state, str):
            try:
                queue_state = _QueueState_members[_queue_state]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                queue_state = QueueState.parse(_queue_state)
        else:
            queue_state = deviate(deviations, at_path, "queue_state", "a string", _queue_state)

        releases_at: Any
        _releases_at = get("releases_at", UNSET)
        if _releases_at is UNSET:
            releases_at = UNSET
        elif _releases_at is None:
            releases_at = None
        elif isinstance(_releases_at, str):
            try:
                releases_at = parse_datetime(_releases_at)
            except ValueError:
                releases_at = deviate(deviations, at_path, "releases_at", "an RFC 3339 date-time", _releases_at)
        else:
            releases_at = deviate(deviations, at_path, "releases_at", "an RFC 3339 date-time", _releases_at)

        stop_price: Any
        _stop_price = get("stop_price", UNSET)
        if _stop_price is UNSET:
            stop_price = UNSET
        elif _stop_price is None:
            stop_price = None
        elif isinstance(_stop_price, str):
            stop_price = _stop_price
        else:
            stop_price = deviate(deviations, at_path, "stop_price", "a string", _stop_price)

        trailing_limit_px: Any
        _trailing_limit_px = get("trailing_limit_px", UNSET)
        if _trailing_limit_px is UNSET:
            trailing_limit_px = UNSET
        elif _trailing_limit_px is None:
            trailing_limit_px = None
        elif isinstance(_trailing_limit_px, str):
            trailing_limit_px = _trailing_limit_px
        else:
            trailing_limit_px = deviate(deviations, at_path, "trailing_limit_px", "a string", _trailing_limit_px)

        trailing_offset: Any
        _trailing_offset = get("trailing_offset", UNSET)
        if _trailing_offset is UNSET:
            trailing_offset = UNSET
        elif _trailing_offset is None:
            trailing_offset = None
        elif isinstance(_trailing_offset, str):
            trailing_offset = _trailing_offset
        else:
            trailing_offset = deviate(deviations, at_path, "trailing_offset", "a string", _trailing_offset)

        trailing_offset_type: Any
        _trailing_offset_type = get("trailing_offset_type", UNSET)
        if _trailing_offset_type is UNSET:
            trailing_offset_type = UNSET
        elif _trailing_offset_type is None:
            trailing_offset_type = None
        elif isinstance(_trailing_offset_type, str):
            try:
                trailing_offset_type = _TrailingOffsetType_members[_trailing_offset_type]
            except KeyError:  # a value the spec does not know (yet): the open enum keeps it
                trailing_offset_type = TrailingOffsetType.parse(_trailing_offset_type)
        else:
            trailing_offset_type = deviate(
                deviations, at_path, "trailing_offset_type", "a string", _trailing_offset_type
            )

        trailing_stop_px: Any
        _trailing_stop_px = get("trailing_stop_px", UNSET)
        if _trailing_stop_px is UNSET:
            trailing_stop_px = UNSET
        elif _trailing_stop_px is None:
            trailing_stop_px = None
        elif isinstance(_trailing_stop_px, str):
            trailing_stop_px = _trailing_stop_px
        else:
            trailing_stop_px = deviate(deviations, at_path, "trailing_stop_px", "a string", _trailing_stop_px)

        trailing_watermark_px: Any
        _trailing_watermark_px = get("trailing_watermark_px", UNSET)
        if _trailing_watermark_px is UNSET:
            trailing_watermark_px = UNSET
        elif _trailing_watermark_px is None:
            trailing_watermark_px = None
        elif isinstance(_trailing_watermark_px, str):
            trailing_watermark_px = _trailing_watermark_px
        else:
            trailing_watermark_px = deviate(
                deviations, at_path, "trailing_watermark_px", "a string", _trailing_watermark_px
            )

        trailing_watermark_ts: Any
        _trailing_watermark_ts = get("trailing_watermark_ts", UNSET)
        if _trailing_watermark_ts is UNSET:
            trailing_watermark_ts = UNSET
        elif _trailing_watermark_ts is None:
            trailing_watermark_ts = None
        elif isinstance(_trailing_watermark_ts, str):
            try:
                trailing_watermark_ts = parse_datetime(_trailing_watermark_ts)
            except ValueError:
                trailing_watermark_ts = deviate(
                    deviations, at_path, "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts
                )
        else:
            trailing_watermark_ts = deviate(
                deviations, at_path, "trailing_watermark_ts", "an RFC 3339 date-time", _trailing_watermark_ts
            )

        underlying_instrument_id: Any
        _underlying_instrument_id = get("underlying_instrument_id", UNSET)
        if _underlying_instrument_id is UNSET:
            underlying_instrument_id = UNSET
        elif _underlying_instrument_id is None:
            underlying_instrument_id = None
        elif isinstance(_underlying_instrument_id, str):
            underlying_instrument_id = _underlying_instrument_id
        else:
            underlying_instrument_id = deviate(
                deviations, at_path, "underlying_instrument_id", "a string", _underlying_instrument_id
            )

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.id = id
        obj.account_id = account_id
        obj._slot_created_at = created_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.filled_quantity = filled_quantity
        obj.leaves_quantity = leaves_quantity
        obj.order_type = order_type
        obj.quantity = quantity
        obj.side = side
        obj.status = status
        obj.time_in_force = time_in_force
        obj._slot_updated_at = updated_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.client_order_id = client_order_id
        obj.instrument_id = instrument_id
        obj.instrument_type = instrument_type
        obj.symbol = symbol
        obj.venue = venue
        obj.average_fill_price = average_fill_price
        obj.details = details
        obj._slot_expires_at = expires_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.extended_hours = extended_hours
        obj.limit_offset = limit_offset
        obj.limit_price = limit_price
        obj.queue_state = queue_state
        obj._slot_releases_at = releases_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.stop_price = stop_price
        obj.trailing_limit_px = trailing_limit_px
        obj.trailing_offset = trailing_offset
        obj.trailing_offset_type = trailing_offset_type
        obj.trailing_stop_px = trailing_stop_px
        obj.trailing_watermark_px = trailing_watermark_px
        obj._slot_trailing_watermark_ts = trailing_watermark_ts  # type: ignore[attr-defined]  # see lazy_fields
        obj.underlying_instrument_id = underlying_instrument_id
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return (
            ("id", "id", str, REQUIRED),
            ("account_id", "account_id", int, REQUIRED),
            ("created_at", "created_at", str, REQUIRED),
            ("filled_quantity", "filled_quantity", str, REQUIRED),
            ("leaves_quantity", "leaves_quantity", str, REQUIRED),
            ("order_type", "order_type", OrderType, REQUIRED),
            ("quantity", "quantity", str, REQUIRED),
            ("side", "side", Side, REQUIRED),
            ("status", "status", OrderStatus, REQUIRED),
            ("time_in_force", "time_in_force", TimeInForce, REQUIRED),
            ("updated_at", "updated_at", str, REQUIRED),
            ("client_order_id", "client_order_id", str, UNSET),
            ("instrument_id", "instrument_id", str | None, UNSET),
            ("instrument_type", "instrument_type", SecurityType | None, UNSET),
            ("symbol", "symbol", str | None, UNSET),
            ("venue", "venue", str, UNSET),
            ("average_fill_price", "average_fill_price", str | None, UNSET),
            ("details", "details", list[str] | None, UNSET),
            ("expires_at", "expires_at", str | None, UNSET),
            ("extended_hours", "extended_hours", bool | None, UNSET),
            ("limit_offset", "limit_offset", str | None, UNSET),
            ("limit_price", "limit_price", str | None, UNSET),
            ("queue_state", "queue_state", QueueState | None, UNSET),
            ("releases_at", "releases_at", str | None, UNSET),
            ("stop_price", "stop_price", str | None, UNSET),
            ("trailing_limit_px", "trailing_limit_px", str | None, UNSET),
            ("trailing_offset", "trailing_offset", str | None, UNSET),
            ("trailing_offset_type", "trailing_offset_type", TrailingOffsetType | None, UNSET),
            ("trailing_stop_px", "trailing_stop_px", str | None, UNSET),
            ("trailing_watermark_px", "trailing_watermark_px", str | None, UNSET),
            ("trailing_watermark_ts", "trailing_watermark_ts", str | None, UNSET),
            ("underlying_instrument_id", "underlying_instrument_id", str | None, UNSET),
        )

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
        obj.id = w.id
        obj.account_id = w.account_id
        created_at = w.created_at
        if type(created_at) is str:  # the API's own form checked and kept as text (see from_dict); any other parsed now
            if created_at[26:] in API_FORM_ENDINGS and created_at[4:20:3] == "--T::.":
                check_date_digits(created_at)
            else:
                created_at = parse_datetime(created_at)
        obj._slot_created_at = created_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.filled_quantity = w.filled_quantity
        obj.leaves_quantity = w.leaves_quantity
        obj.order_type = w.order_type
        obj.quantity = w.quantity
        obj.side = w.side
        obj.status = w.status
        obj.time_in_force = w.time_in_force
        updated_at = w.updated_at
        if type(updated_at) is str:  # the API's own form checked and kept as text (see from_dict); any other parsed now
            if updated_at[26:] in API_FORM_ENDINGS and updated_at[4:20:3] == "--T::.":
                check_date_digits(updated_at)
            else:
                updated_at = parse_datetime(updated_at)
        obj._slot_updated_at = updated_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.client_order_id = w.client_order_id
        obj.instrument_id = w.instrument_id
        obj.instrument_type = w.instrument_type
        obj.symbol = w.symbol
        obj.venue = w.venue
        obj.average_fill_price = w.average_fill_price
        obj.details = w.details
        expires_at = w.expires_at
        if type(expires_at) is str:  # the API's own form checked and kept as text (see from_dict); any other parsed now
            if expires_at[26:] in API_FORM_ENDINGS and expires_at[4:20:3] == "--T::.":
                check_date_digits(expires_at)
            else:
                expires_at = parse_datetime(expires_at)
        obj._slot_expires_at = expires_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.extended_hours = w.extended_hours
        obj.limit_offset = w.limit_offset
        obj.limit_price = w.limit_price
        obj.queue_state = w.queue_state
        releases_at = w.releases_at
        if (
            type(releases_at) is str
        ):  # the API's own form checked and kept as text (see from_dict); any other parsed now
            if releases_at[26:] in API_FORM_ENDINGS and releases_at[4:20:3] == "--T::.":
                check_date_digits(releases_at)
            else:
                releases_at = parse_datetime(releases_at)
        obj._slot_releases_at = releases_at  # type: ignore[attr-defined]  # see lazy_fields
        obj.stop_price = w.stop_price
        obj.trailing_limit_px = w.trailing_limit_px
        obj.trailing_offset = w.trailing_offset
        obj.trailing_offset_type = w.trailing_offset_type
        obj.trailing_stop_px = w.trailing_stop_px
        obj.trailing_watermark_px = w.trailing_watermark_px
        trailing_watermark_ts = w.trailing_watermark_ts
        if (
            type(trailing_watermark_ts) is str
        ):  # the API's own form checked and kept as text (see from_dict); any other parsed now
            if trailing_watermark_ts[26:] in API_FORM_ENDINGS and trailing_watermark_ts[4:20:3] == "--T::.":
                check_date_digits(trailing_watermark_ts)
            else:
                trailing_watermark_ts = parse_datetime(trailing_watermark_ts)
        obj._slot_trailing_watermark_ts = trailing_watermark_ts  # type: ignore[attr-defined]  # see lazy_fields
        obj.underlying_instrument_id = w.underlying_instrument_id
        learned = w.learned  # keys the spec does not know, met before: kept in the Struct
        if learned:
            obj.additional_properties = learned_values(w, learned)
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


lazy_fields(
    Order,
    "created_at",
    "updated_at",
    "expires_at",
    "releases_at",
    "trailing_watermark_ts",
)
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "account_id",
        "created_at",
        "filled_quantity",
        "leaves_quantity",
        "order_type",
        "quantity",
        "side",
        "status",
        "time_in_force",
        "updated_at",
        "client_order_id",
        "instrument_id",
        "instrument_type",
        "symbol",
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
# The known members by value, for the hot look-up (an attribute of the enum class costs four times as much).
_OrderStatus_members = cast("dict[str, OrderStatus]", OrderStatus._value2member_map_)
_OrderType_members = cast("dict[str, OrderType]", OrderType._value2member_map_)
_QueueState_members = cast("dict[str, QueueState]", QueueState._value2member_map_)
_SecurityType_members = cast("dict[str, SecurityType]", SecurityType._value2member_map_)
_Side_members = cast("dict[str, Side]", Side._value2member_map_)
_TimeInForce_members = cast("dict[str, TimeInForce]", TimeInForce._value2member_map_)
_TrailingOffsetType_members = cast("dict[str, TrailingOffsetType]", TrailingOffsetType._value2member_map_)
