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
class ApiError:
    code: int
    """ The HTTP status code of the error. """
    message: str
    """ What went wrong, for a person to read. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        code = self.code
        message = self.message

        field_dict: dict[str, Any] = dict(self.additional_properties)
        field_dict["code"] = code
        field_dict["message"] = message
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ApiError", "(self)", "an object", src_dict)
        try:
            _code = src_dict["code"]
            _message = src_dict["message"]
        except KeyError as missing:
            raise invalid("ApiError", str(missing.args[0]), "", UNSET) from None
        get = src_dict.get
        code: int
        if isinstance(_code, int) and not isinstance(_code, bool):
            code = _code
        else:
            raise invalid("ApiError", "code", "an integer", _code)

        message: str
        if isinstance(_message, str):
            message = _message
        else:
            raise invalid("ApiError", "message", "a string", _message)

        # Positional, in declaration order (required fields first, as declared above): faster than keywords.
        obj = cls(
            code,
            message,
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
        "code",
        "message",
    }
)
