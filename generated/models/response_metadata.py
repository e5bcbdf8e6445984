"""Custom template: overrides/templates/model.py.jinja"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self
from uuid import UUID  # noqa: F401  (annotations of format: uuid fields)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import invalid
from ..types import UNSET


@_attrs_define
class ResponseMetadata:
    request_id: str
    """ Identifies the request in Clear Street's logs; quote it to support. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["request_id"] = request_id
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ResponseMetadata", "(self)", "an object", src_dict)
        try:
            _request_id = src_dict["request_id"]
        except KeyError as missing:
            raise invalid("ResponseMetadata", str(missing.args[0]), "", UNSET) from None
        get = src_dict.get
        request_id: str
        if isinstance(_request_id, str):
            request_id = _request_id
        else:
            raise invalid("ResponseMetadata", "request_id", "a string", _request_id)

        # Positional, in declaration order (required fields first, as declared above): faster than keywords.
        obj = cls(
            request_id,
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
        "request_id",
    }
)
