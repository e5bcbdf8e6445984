"""Custom template: overrides/templates/model.py.jinja"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self
from uuid import UUID  # noqa: F401  (annotations of format: uuid fields)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import invalid
from ..models.api_error import ApiError
from ..models.response_metadata import ResponseMetadata
from ..types import UNSET, Unset


@_attrs_define
class ErrorResponse:
    """The envelope of every error response."""

    error: ApiError

    metadata: ResponseMetadata | Unset = UNSET

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["error"] = error
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ErrorResponse", "(self)", "an object", src_dict)
        try:
            _error = src_dict["error"]
        except KeyError as missing:
            raise invalid("ErrorResponse", str(missing.args[0]), "", UNSET) from None
        get = src_dict.get
        error: ApiError
        if isinstance(_error, Mapping):
            error = ApiError.from_dict(_error)
        else:
            raise invalid("ErrorResponse", "error", "an object", _error)

        metadata: ResponseMetadata | Unset
        _metadata = get("metadata", UNSET)
        if _metadata is UNSET:
            metadata = UNSET
        elif isinstance(_metadata, Mapping):
            metadata = ResponseMetadata.from_dict(_metadata)
        else:
            raise invalid("ErrorResponse", "metadata", "an object", _metadata)

        # Positional, in declaration order (required fields first, as declared above): faster than keywords.
        obj = cls(
            error,
            metadata,
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
        "error",
        "metadata",
    }
)
