"""Custom template: overrides/templates/model.py.jinja (the stock one trusts its input; this one checks every
field, keeps what the server sent exactly, and reports deviations; date-times are ``Timestamp``s)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import Deviation, InvalidData, deviate, invalid, join_path
from ..types import (
    REQUIRED,
    UNSET,
    Unset,
    WireFields,
    lazy_fields,
    learned_values,
    to_json,
)

_new = object.__new__

from ..models.api_error import ApiError
from ..models.order import Order
from ..models.response_metadata import ResponseMetadata


@_attrs_define
class OrderCancelOpenOrderResponse:
    """The envelope of a successful Cancel Open Order."""

    data: Order
    """ A trading order with its current state and execution details.

    This is the unified API representation of an order across its lifecycle, combining data from execution reports,
    order status queries, and parent/child tracking. """
    metadata: ResponseMetadata

    error: ApiError | None | Unset = UNSET
    """ Null on success, or an ApiError standing beside `data` (Clear Street's published document allows both). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.data, Unset):
            field_dict["data"] = to_json(self.data)
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = to_json(self.metadata)
        if not isinstance(self.error, Unset):
            field_dict["error"] = to_json(self.error)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("OrderCancelOpenOrderResponse", "(self)", "an object", src_dict)
        try:
            _data = src_dict["data"]
            _metadata = src_dict["metadata"]
        except KeyError as missing:
            raise invalid("OrderCancelOpenOrderResponse", str(missing.args[0]), "", UNSET) from None
        absent = 0  # fields the JSON leaves out: with its length, whether it has keys the spec does not know (no set)
        data: Order
        if type(_data) is dict or isinstance(_data, Mapping):
            data = Order.from_dict(_data)
        else:
            raise invalid("OrderCancelOpenOrderResponse", "data", "an object", _data)

        metadata: ResponseMetadata
        if type(_metadata) is dict or isinstance(_metadata, Mapping):
            metadata = ResponseMetadata.from_dict(_metadata)
        else:
            raise invalid("OrderCancelOpenOrderResponse", "metadata", "an object", _metadata)

        error: ApiError | None | Unset
        if "error" in src_dict:
            _error = src_dict["error"]
        else:
            _error = UNSET
            absent += 1
        if _error is UNSET:
            error = UNSET
        elif _error is None:
            error = None
        elif type(_error) is dict or isinstance(_error, Mapping):
            error = ApiError.from_dict(_error)
        else:
            raise invalid("OrderCancelOpenOrderResponse", "error", "an object", _error)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.data = data
        obj.metadata = metadata
        obj.error = error
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (len(src_dict) + absent == 3):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def from_dict_reporting(cls, src_dict: Mapping[str, Any], deviations: list[Deviation], at_path: str = "") -> Self:
        """``from_dict`` for a body it refused: each field that deviates from the spec is appended to
        ``deviations`` with its JSON path under ``at_path`` and kept as received. Raises ``errors.InvalidData``
        only when the body is no result at all (not an object, or its ``data`` missing or of the wrong kind)."""
        if not isinstance(src_dict, Mapping):
            raise invalid("OrderCancelOpenOrderResponse", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        data: Any
        _data = get("data", UNSET)
        if _data is UNSET:
            raise invalid("OrderCancelOpenOrderResponse", "data", "", _data)
        elif type(_data) is dict or isinstance(_data, Mapping):
            try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                data = Order.from_dict(_data)
            except InvalidData:
                data = Order.from_dict_reporting(_data, deviations, join_path(at_path, "data"))
        else:
            raise invalid("OrderCancelOpenOrderResponse", "data", "an object", _data)

        metadata: Any
        _metadata = get("metadata", UNSET)
        if _metadata is UNSET:
            metadata = deviate(deviations, at_path, "metadata", "", _metadata)
        elif type(_metadata) is dict or isinstance(_metadata, Mapping):
            try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                metadata = ResponseMetadata.from_dict(_metadata)
            except InvalidData:
                metadata = ResponseMetadata.from_dict_reporting(_metadata, deviations, join_path(at_path, "metadata"))
        else:
            metadata = deviate(deviations, at_path, "metadata", "an object", _metadata)

        error: Any
        _error = get("error", UNSET)
        if _error is UNSET:
            error = UNSET
        elif _error is None:
            error = None
        elif type(_error) is dict or isinstance(_error, Mapping):
            try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                error = ApiError.from_dict(_error)
            except InvalidData:
                error = ApiError.from_dict_reporting(_error, deviations, join_path(at_path, "error"))
        else:
            error = deviate(deviations, at_path, "error", "an object", _error)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.data = data
        obj.metadata = metadata
        obj.error = error
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return (
            ("data", "data", Order, REQUIRED),
            ("metadata", "metadata", ResponseMetadata, REQUIRED),
            ("error", "error", ApiError | None, UNSET),
        )

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
        data = w.data
        if data is not None and data is not UNSET:
            data = Order._from_wire(data)
        obj.data = data
        metadata = w.metadata
        if metadata is not None and metadata is not UNSET:
            metadata = ResponseMetadata._from_wire(metadata)
        obj.metadata = metadata
        error = w.error
        if error is not None and error is not UNSET:
            error = ApiError._from_wire(error)
        obj.error = error
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
    OrderCancelOpenOrderResponse,
)
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "data",
        "metadata",
        "error",
    }
)
