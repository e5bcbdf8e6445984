"""Custom template: overrides/templates/model.py.jinja (the stock one trusts its input; this one checks every
field, keeps what the server sent exactly, and reports deviations; date-times are ``Timestamp``s)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import Deviation, invalid
from ..types import (
    WireFields,
    lazy_fields,
    learned_values,
)

_new = object.__new__


@_attrs_define
class ApiErrorDetailsItem:
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ApiErrorDetailsItem", "(self)", "an object", src_dict)
        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (len(src_dict) == 0):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def from_dict_reporting(cls, src_dict: Mapping[str, Any], deviations: list[Deviation], at_path: str = "") -> Self:
        """``from_dict`` for a body it refused: each field that deviates from the spec is appended to
        ``deviations`` with its JSON path under ``at_path`` and kept as received. Raises ``errors.InvalidData``
        only when the body is no result at all (not an object, or its ``data`` missing or of the wrong kind)."""
        if not isinstance(src_dict, Mapping):
            raise invalid("ApiErrorDetailsItem", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return ()

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
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
    ApiErrorDetailsItem,
)
_KNOWN_FIELDS: frozenset[str] = frozenset({})
