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
from ..models.response_metadata import ResponseMetadata


@_attrs_define
class ErrorResponse:
    """The envelope of every error response."""

    error: ApiError

    metadata: ResponseMetadata | Unset = UNSET

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.error, Unset):
            field_dict["error"] = to_json(self.error)
        if not isinstance(self.metadata, Unset):
            field_dict["metadata"] = to_json(self.metadata)
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
        absent = 0  # fields the JSON leaves out: with its length, whether it has keys the spec does not know (no set)
        error: ApiError
        if type(_error) is dict or isinstance(_error, Mapping):
            error = ApiError.from_dict(_error)
        else:
            raise invalid("ErrorResponse", "error", "an object", _error)

        metadata: ResponseMetadata | Unset
        if "metadata" in src_dict:
            _metadata = src_dict["metadata"]
        else:
            _metadata = UNSET
            absent += 1
        if _metadata is UNSET:
            metadata = UNSET
        elif type(_metadata) is dict or isinstance(_metadata, Mapping):
            metadata = ResponseMetadata.from_dict(_metadata)
        else:
            raise invalid("ErrorResponse", "metadata", "an object", _metadata)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.error = error
        obj.metadata = metadata
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (len(src_dict) + absent == 2):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def from_dict_reporting(cls, src_dict: Mapping[str, Any], deviations: list[Deviation], at_path: str = "") -> Self:
        """``from_dict`` for a body it refused: each field that deviates from the spec is appended to
        ``deviations`` with its JSON path under ``at_path`` and kept as received. Raises ``errors.InvalidData``
        only when the body is no result at all (not an object, or its ``data`` missing or of the wrong kind)."""
        if not isinstance(src_dict, Mapping):
            raise invalid("ErrorResponse", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        error: Any
        _error = get("error", UNSET)
        if _error is UNSET:
            error = deviate(deviations, at_path, "error", "", _error)
        elif type(_error) is dict or isinstance(_error, Mapping):
            try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                error = ApiError.from_dict(_error)
            except InvalidData:
                error = ApiError.from_dict_reporting(_error, deviations, join_path(at_path, "error"))
        else:
            error = deviate(deviations, at_path, "error", "an object", _error)

        metadata: Any
        _metadata = get("metadata", UNSET)
        if _metadata is UNSET:
            metadata = UNSET
        elif type(_metadata) is dict or isinstance(_metadata, Mapping):
            try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                metadata = ResponseMetadata.from_dict(_metadata)
            except InvalidData:
                metadata = ResponseMetadata.from_dict_reporting(_metadata, deviations, join_path(at_path, "metadata"))
        else:
            metadata = deviate(deviations, at_path, "metadata", "an object", _metadata)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.error = error
        obj.metadata = metadata
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return (
            ("error", "error", ApiError, REQUIRED),
            ("metadata", "metadata", ResponseMetadata, UNSET),
        )

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
        error = w.error
        if error is not None and error is not UNSET:
            error = ApiError._from_wire(error)
        obj.error = error
        metadata = w.metadata
        if metadata is not None and metadata is not UNSET:
            metadata = ResponseMetadata._from_wire(metadata)
        obj.metadata = metadata
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
    ErrorResponse,
)
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "error",
        "metadata",
    }
)
