"""Custom template: overrides/templates/model.py.jinja"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self
from uuid import UUID  # noqa: F401  (annotations of format: uuid fields)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import invalid
from ..models.order import Order
from ..models.response_metadata import ResponseMetadata
from ..types import UNSET, Unset


@_attrs_define
class OrderCancelOpenOrderResponse:
    """The envelope of a successful Cancel Open Order."""

    data: Order
    """ A trading order with its current state and execution details.

    This is the unified API representation of an order across its lifecycle, combining data from execution reports,
    order status queries, and parent/child tracking. """
    metadata: ResponseMetadata

    error: None | Unset = UNSET
    """ Always null on success. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()
        metadata = self.metadata.to_dict()
        error = self.error

        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["data"] = data
        field_dict["metadata"] = metadata
        if error is not UNSET:
            field_dict["error"] = error
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
        get = src_dict.get
        data: Order
        if isinstance(_data, Mapping):
            data = Order.from_dict(_data)
        else:
            raise invalid("OrderCancelOpenOrderResponse", "data", "an object", _data)

        metadata: ResponseMetadata
        if isinstance(_metadata, Mapping):
            metadata = ResponseMetadata.from_dict(_metadata)
        else:
            raise invalid("OrderCancelOpenOrderResponse", "metadata", "an object", _metadata)

        error: None | Unset
        _error = get("error", UNSET)
        if _error is not None and _error is not UNSET:
            raise invalid("OrderCancelOpenOrderResponse", "error", "null", _error)
        error = _error

        # Positional, in declaration order (required fields first, as declared above): faster than keywords.
        obj = cls(
            data,
            metadata,
            error,
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
        "data",
        "metadata",
        "error",
    }
)
