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

from ..models.api_error_details_item import ApiErrorDetailsItem


@_attrs_define
class ApiError:
    code: int
    """ The HTTP status code of the error. """
    message: str
    """ What went wrong, for a person to read. """
    details: list[ApiErrorDetailsItem] | Unset = UNSET
    """ Structured details of the error, if any. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.code, Unset):
            field_dict["code"] = self.code
        if not isinstance(self.message, Unset):
            field_dict["message"] = self.message
        if not isinstance(self.details, Unset):
            field_dict["details"] = to_json(self.details)
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ApiError", "(self)", "an object", src_dict)
        try:
            code = src_dict["code"]
            message = src_dict["message"]
        except KeyError as missing:
            raise invalid("ApiError", str(missing.args[0]), "", UNSET) from None
        absent = 0  # fields the JSON leaves out: with its length, whether it has keys the spec does not know (no set)
        if not (type(code) is int):
            raise invalid("ApiError", "code", "an integer", code)
        if not (isinstance(message, str)):
            raise invalid("ApiError", "message", "a string", message)
        details: list[ApiErrorDetailsItem] | Unset
        if "details" in src_dict:
            _details = src_dict["details"]
        else:
            _details = UNSET
            absent += 1
        if _details is UNSET:
            details = UNSET
        elif isinstance(_details, list):  # a list of objects, the bulk of a bulk response: one comprehension
            details_from_dict = ApiErrorDetailsItem.from_dict  # refuses an item not an object
            details = [details_from_dict(item) for item in _details]
        else:
            raise invalid("ApiError", "details", "an array", _details)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.code = code
        obj.message = message
        obj.details = details
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
            raise invalid("ApiError", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        code: Any
        _code = get("code", UNSET)
        if _code is UNSET:
            code = deviate(deviations, at_path, "code", "", _code)
        elif isinstance(_code, int) and not isinstance(_code, bool):
            code = _code
        else:
            code = deviate(deviations, at_path, "code", "an integer", _code)

        message: Any
        _message = get("message", UNSET)
        if _message is UNSET:
            message = deviate(deviations, at_path, "message", "", _message)
        elif isinstance(_message, str):
            message = _message
        else:
            message = deviate(deviations, at_path, "message", "a string", _message)

        details: Any
        _details = get("details", UNSET)
        if _details is UNSET:
            details = UNSET
        elif isinstance(_details, list):
            details = []
            for details_index, details_item in enumerate(_details):
                if type(details_item) is dict or isinstance(details_item, Mapping):
                    try:  # most objects of a deviating body conform: only one that does not takes the field-by-field path
                        details_value = ApiErrorDetailsItem.from_dict(details_item)
                    except InvalidData:
                        details_value = ApiErrorDetailsItem.from_dict_reporting(
                            details_item, deviations, join_path(at_path, "details" + f"[{details_index}]")
                        )
                else:
                    details_value = deviate(
                        deviations, at_path, "details" + f"[{details_index}]", "an object", details_item
                    )

                details.append(details_value)
        else:
            details = deviate(deviations, at_path, "details", "an array", _details)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.code = code
        obj.message = message
        obj.details = details
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return (
            ("code", "code", int, REQUIRED),
            ("message", "message", str, REQUIRED),
            ("details", "details", list[ApiErrorDetailsItem], UNSET),
        )

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
        obj.code = w.code
        obj.message = w.message
        details = w.details
        if not (items_done or details is None or details is UNSET):
            details_from_wire = ApiErrorDetailsItem._from_wire
            details = [details_from_wire(item) for item in details]
        obj.details = details
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
    ApiError,
)
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "code",
        "message",
        "details",
    }
)
