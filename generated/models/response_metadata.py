"""Custom template: overrides/templates/model.py.jinja (the stock one trusts its input; this one checks every
field, keeps what the server sent exactly, and reports deviations; date-times are ``Timestamp``s)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import Deviation, deviate, invalid
from ..types import (
    REQUIRED,
    UNSET,
    Unset,
    WireFields,
    lazy_fields,
    learned_values,
)

_new = object.__new__


@_attrs_define
class ResponseMetadata:
    request_id: str
    """ Identifies the request in Clear Street's logs; quote it to support. """
    next_page_token: None | str | Unset = UNSET
    """ Token of the next page of a paged list; null or absent when there is none. """
    previous_page_token: None | str | Unset = UNSET
    """ Token of the previous page of a paged list; null or absent when there is none. """
    page_number: int | None | Unset = UNSET
    """ The page's number in a paged list. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    """Fields the spec does not (yet) know, kept as received."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object this was parsed from: the same timestamp strings, enum values, unknown fields and
        deviating values as received, and null kept apart from absent (``UNSET``)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        if not isinstance(self.request_id, Unset):
            field_dict["request_id"] = self.request_id
        if not isinstance(self.next_page_token, Unset):
            field_dict["next_page_token"] = self.next_page_token
        if not isinstance(self.previous_page_token, Unset):
            field_dict["previous_page_token"] = self.previous_page_token
        if not isinstance(self.page_number, Unset):
            field_dict["page_number"] = self.page_number
        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Build from decoded JSON, checking every known field's type. Unknown fields go to
        ``additional_properties``; enums stay open. Raises ``errors.InvalidData`` and nothing else."""
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise invalid("ResponseMetadata", "(self)", "an object", src_dict)
        try:
            request_id = src_dict["request_id"]
        except KeyError as missing:
            raise invalid("ResponseMetadata", str(missing.args[0]), "", UNSET) from None
        absent = 0  # fields the JSON leaves out: with its length, whether it has keys the spec does not know (no set)
        if not (isinstance(request_id, str)):
            raise invalid("ResponseMetadata", "request_id", "a string", request_id)
        if "next_page_token" in src_dict:
            next_page_token = src_dict["next_page_token"]
            if not (isinstance(next_page_token, str) or next_page_token is None):
                raise invalid("ResponseMetadata", "next_page_token", "a string", next_page_token)
        else:
            next_page_token = UNSET
            absent += 1
        if "previous_page_token" in src_dict:
            previous_page_token = src_dict["previous_page_token"]
            if not (isinstance(previous_page_token, str) or previous_page_token is None):
                raise invalid("ResponseMetadata", "previous_page_token", "a string", previous_page_token)
        else:
            previous_page_token = UNSET
            absent += 1
        if "page_number" in src_dict:
            page_number = src_dict["page_number"]
            if not (type(page_number) is int or page_number is None):
                raise invalid("ResponseMetadata", "page_number", "an integer", page_number)
        else:
            page_number = UNSET
            absent += 1
        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.request_id = request_id
        obj.next_page_token = next_page_token
        obj.previous_page_token = previous_page_token
        obj.page_number = page_number
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (len(src_dict) + absent == 4):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def from_dict_reporting(cls, src_dict: Mapping[str, Any], deviations: list[Deviation], at_path: str = "") -> Self:
        """``from_dict`` for a body it refused: each field that deviates from the spec is appended to
        ``deviations`` with its JSON path under ``at_path`` and kept as received. Raises ``errors.InvalidData``
        only when the body is no result at all (not an object, or its ``data`` missing or of the wrong kind)."""
        if not isinstance(src_dict, Mapping):
            raise invalid("ResponseMetadata", at_path or "(self)", "an object", src_dict)
        get = src_dict.get
        request_id: Any
        _request_id = get("request_id", UNSET)
        if _request_id is UNSET:
            request_id = deviate(deviations, at_path, "request_id", "", _request_id)
        elif isinstance(_request_id, str):
            request_id = _request_id
        else:
            request_id = deviate(deviations, at_path, "request_id", "a string", _request_id)

        next_page_token: Any
        _next_page_token = get("next_page_token", UNSET)
        if _next_page_token is UNSET:
            next_page_token = UNSET
        elif _next_page_token is None:
            next_page_token = None
        elif isinstance(_next_page_token, str):
            next_page_token = _next_page_token
        else:
            next_page_token = deviate(deviations, at_path, "next_page_token", "a string", _next_page_token)

        previous_page_token: Any
        _previous_page_token = get("previous_page_token", UNSET)
        if _previous_page_token is UNSET:
            previous_page_token = UNSET
        elif _previous_page_token is None:
            previous_page_token = None
        elif isinstance(_previous_page_token, str):
            previous_page_token = _previous_page_token
        else:
            previous_page_token = deviate(deviations, at_path, "previous_page_token", "a string", _previous_page_token)

        page_number: Any
        _page_number = get("page_number", UNSET)
        if _page_number is UNSET:
            page_number = UNSET
        elif _page_number is None:
            page_number = None
        elif isinstance(_page_number, int) and not isinstance(_page_number, bool):
            page_number = _page_number
        else:
            page_number = deviate(deviations, at_path, "page_number", "an integer", _page_number)

        # The fields set directly, as the attrs __init__ would set them (the class has no validators, converters or
        # setattr hooks): a call with one argument per field costs a tenth of a bulk parse.
        obj = _new(cls)
        obj.request_id = request_id
        obj.next_page_token = next_page_token
        obj.previous_page_token = previous_page_token
        obj.page_number = page_number
        # Without unknown keys the slot stays empty, and reads as a new empty dict (see lazy_fields).
        if not (_KNOWN_FIELDS.issuperset(src_dict)):
            obj.additional_properties = {k: v for k, v in src_dict.items() if k not in _KNOWN_FIELDS}
        return obj

    @classmethod
    def _wire_fields(cls) -> WireFields:
        """The fields of the private wire Struct (JSON name, attribute, type, default), which ``clear_street._wire``
        builds when a body is first parsed."""
        return (
            ("request_id", "request_id", str, REQUIRED),
            ("next_page_token", "next_page_token", str | None, UNSET),
            ("previous_page_token", "previous_page_token", str | None, UNSET),
            ("page_number", "page_number", int | None, UNSET),
        )

    @classmethod
    def _from_wire(cls, w: Any, items_done: bool = False) -> Self:
        """The model from its wire Struct, as ``from_dict`` builds it from the same JSON; ``items_done``: lists of
        objects hold models already. Raises ValueError where ``from_dict`` would refuse."""
        obj = _new(cls)
        obj.request_id = w.request_id
        obj.next_page_token = w.next_page_token
        obj.previous_page_token = w.previous_page_token
        obj.page_number = w.page_number
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
    ResponseMetadata,
)
_KNOWN_FIELDS: frozenset[str] = frozenset(
    {
        "request_id",
        "next_page_token",
        "previous_page_token",
        "page_number",
    }
)
