"""The fast path of a 2xx body: msgspec decodes it, checking every field's type in C, into private wire Structs
that each generated model describes (``_wire_fields``) and copies itself from (``_from_wire``). The models' own
``from_dict`` and ``from_dict_reporting`` stay the reference: an object msgspec refuses (a deviation, NaN, 1e400, a
lone surrogate, an unknown key not yet learned) is parsed by them, and only that object, so the result is the same
as theirs, deviations and their paths included. msgspec is imported at the first parse (it costs about 8 ms).

A Struct refuses keys it does not know; a key the spec does not have is learned at its first refusal (at most
``LEARNED_KEYS`` a model) and kept in the model's Struct from then on, so a field the server adds to every order
keeps the whole body on the fast path. An object's unknown keys are then in ``additional_properties`` in the order
they were learned (the server's, when it writes them in one order), not necessarily in the object's. A value of any
type (a learned key's, a free-form field's) is decoded by msgspec as ``json`` decodes it; what msgspec would decode
otherwise (NaN, 1e400, a lone surrogate, an integer past 4,300 digits) it refuses."""

from __future__ import annotations

import threading
import types
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from ._deviations import Deviation, InvalidData, join_path
from ._types import REQUIRED, UNSET

if TYPE_CHECKING:
    import msgspec

LEARNED_KEYS = 16
"""Unknown keys learned per model: bounded, so a server that sends a new key on each object cannot grow the cache."""
_UNKNOWN_KEY = "Object contains unknown field `"


class _Refused(Exception):
    """The body goes to the reference parse whole: it is no result (an array item that is not an object), or too
    many of its objects deviate for the fast path to pay."""


class _Learned(Exception):
    """A key was learned: the Structs changed, the body is decoded again."""


class _Wire:
    """A model's Struct and its decoder; for the top model, ``bulk`` names its arrays of objects, which the split
    Struct keeps raw so that an object msgspec refuses is parsed alone."""

    __slots__ = ("bulk", "decode", "refused", "struct")

    def __init__(self, struct: type[msgspec.Struct], bulk: tuple[tuple[str, str, type], ...]) -> None:
        import msgspec

        self.struct, self.bulk = struct, bulk
        self.decode: Callable[[Any], Any] = msgspec.json.Decoder(struct).decode
        # What a decode or a copy raises for a body it refuses (msgspec's errors are ValueErrors from 0.20 on).
        self.refused: tuple[type[Exception], ...] = (ValueError, msgspec.MsgspecError)


_lock = threading.Lock()
_wires: dict[tuple[type, bool], _Wire | None] = {}
_learned: dict[type, tuple[str, ...]] = {}


def prepare(model: type) -> None:
    """``model``'s Struct and decoder built now (msgspec imported), as its first ``parse`` would."""
    _wire(model, False)


def parse(model: type, content: bytes, deviations: list[Deviation]) -> Any:
    """The model parsed from ``content`` as ``from_dict_reporting`` would after ``from_dict`` refused it, deviations
    appended to ``deviations``; None when the reference parse must decide (no wire form, or a body msgspec refuses
    outside the objects of its arrays)."""
    for _ in range(LEARNED_KEYS + 1):  # each retry follows a learned key
        deviations.clear()
        try:
            return _parse(model, content, deviations)
        except _Learned:
            continue
        except _Refused:
            break
    deviations.clear()
    return None


def _parse(model: type, content: bytes, deviations: list[Deviation]) -> Any:
    wire = _wire(model, False)
    if wire is None:
        return None
    refused = wire.refused
    try:
        return model._from_wire(wire.decode(content))  # type: ignore[attr-defined]
    except refused:
        pass  # msgspec.ValidationError and DecodeError, and a copy that refuses a field
    split = _wire(model, True)
    if split is None or not split.bulk:
        raise _Refused
    try:
        envelope = split.decode(content)
    except refused as exc:
        _learn(model, exc)
        raise _Refused from None
    for name, json_name, item_model in split.bulk:
        items = getattr(envelope, name)
        if items is not None and items is not UNSET:
            setattr(envelope, name, _items(item_model, items, json_name, deviations, refused))
    try:
        return model._from_wire(envelope, True)  # type: ignore[attr-defined]
    except ValueError:
        raise _Refused from None


def _items(
    model: type,
    raws: list[msgspec.Raw],
    json_name: str,
    deviations: list[Deviation],
    refused: tuple[type[Exception], ...],
) -> list[Any]:
    """Each object of an array: the fast path, else (only that object) the reference parse, as the reference parse
    of the whole body takes it."""
    wire = _wire(model, False)
    if wire is None:
        raise _Refused
    decode, from_wire = wire.decode, model._from_wire  # type: ignore[attr-defined]
    items: list[Any] = []
    pending = iter(raws)  # one iterator throughout: a refusal resumes after the refused object, with no skipping
    tolerated = len(raws) // 10 + 8  # refusals past which one parse of the whole body costs less
    while len(items) < len(raws):
        try:  # the objects not yet parsed, appended as they go (extend keeps them when one is refused)
            items.extend(map(from_wire, map(decode, pending)))
        except refused as exc:  # the refused object is taken from ``pending``: it is the one at ``len(items)``
            _learn(model, exc)
            tolerated -= 1
            if tolerated < 0:
                raise _Refused from None
            index = len(items)
            items.append(_reference(model, raws[index], f"{json_name}[{index}]", deviations))
    return items


def _reference(model: type, raw: msgspec.Raw, path: str, deviations: list[Deviation]) -> Any:
    import msgspec

    from ._exceptions import parse_json

    try:  # as json decodes it, at a quarter of the cost; what msgspec refuses (NaN, 1e400, a lone surrogate), json
        value = msgspec.json.decode(raw)
    except (ValueError, RecursionError, msgspec.MsgspecError):
        try:
            value = parse_json(bytes(raw))
        except (ValueError, RecursionError):
            raise _Refused from None
    if not isinstance(value, Mapping):
        raise _Refused  # a structural break: the reference parse of the body raises it
    try:
        return model.from_dict(value)  # type: ignore[attr-defined]
    except InvalidData:
        pass
    try:
        return model.from_dict_reporting(value, deviations, join_path("", path))  # type: ignore[attr-defined]
    except InvalidData:
        raise _Refused from None  # a structural break inside the object: the reference parse of the body raises it


def _learn(model: type, error: Exception) -> None:
    """A key msgspec refused at the top of an object of ``model``: kept in its Struct from now on (the Structs
    are built again) and ``_Learned`` raised; any other refusal returns."""
    message = str(error)
    if not (message.startswith(_UNKNOWN_KEY) and message.endswith("`")) or " - at `$" in message:
        return
    key = message[len(_UNKNOWN_KEY) : -1]
    if not key or any(char in '\\"' or char < " " for char in key):
        return  # a key msgspec cannot name a field by
    with _lock:
        known = _learned.get(model, ())
        if key in known or len(known) >= LEARNED_KEYS:
            return
        _learned[model] = (*known, key)
        _wires.clear()
    raise _Learned


def _wire(model: type, split: bool) -> _Wire | None:
    try:
        return _wires[model, split]
    except KeyError:
        pass
    with _lock:
        built = _build(model, split, frozenset())
        wire = None if built is None else _Wire(*built)
        _wires[model, split] = wire
        return wire


def _build(model: type, split: bool, within: frozenset[type]) -> tuple[type[msgspec.Struct], Any] | None:
    """The Struct of ``model`` (with its learned keys) and its arrays of objects; None without a wire form (or where a
    model contains itself)."""
    import msgspec

    spec = getattr(model, "_wire_fields", lambda: None)()
    if spec is None or model in within:
        return None
    within |= {model}
    fields: list[tuple[str, Any, Any]] = []
    bulk = []
    # In the order of their JSON names, the order the API writes an object's keys in (as its reference pages show):
    # msgspec looks a key up from the field after the last one it matched, so each is found at the first compare.
    for json_name, name, kind, default in sorted(spec, key=lambda field: field[0]):
        item = _item_model(kind)
        if split and item is not None:
            bulk.append((name, json_name, item))
            wire_kind: Any = list[msgspec.Raw] | None if _nullable(kind) else list[msgspec.Raw]
        else:
            wire_kind = _wire_kind(kind, within)
            if wire_kind is None:
                return None
        field = msgspec.field(name=json_name) if default is REQUIRED else msgspec.field(default=default, name=json_name)
        fields.append((name, wire_kind, field))
    learned = tuple((f"_learned_{index}", key) for index, key in enumerate(_learned.get(model, ())))
    fields += [(name, Any, msgspec.field(default=UNSET, name=key)) for name, key in learned]
    struct = msgspec.defstruct(f"{model.__name__}Wire", fields, kw_only=True, forbid_unknown_fields=True, gc=False,
                               namespace={"learned": learned})  # fmt: skip
    return struct, tuple(bulk)


def _wire_kind(kind: Any, within: frozenset[type]) -> Any:
    """The msgspec type of a wire field's type; None where a model in it has no wire form."""

    if kind is Any:
        return Any  # as json gives it: msgspec refuses (to the reference parse) the values it would give otherwise
    if kind is None:
        return type(None)
    if hasattr(kind, "_wire_fields"):
        built = _build(kind, False, within)
        return None if built is None else built[0]
    origin, args = get_origin(kind), get_args(kind)
    if origin is list:
        inner = _wire_kind(args[0], within)
        return None if inner is None else list[inner]  # type: ignore[valid-type]
    if origin in (Union, types.UnionType):
        options = [_wire_kind(arg, within) for arg in args]
        return None if None in options else Union[tuple(options)]  # noqa: UP007
    return kind


def _item_model(kind: Any) -> type | None:
    """The model of an array of objects (nullable or not), else None."""
    for option in get_args(kind) if get_origin(kind) in (Union, types.UnionType) else (kind,):
        if get_origin(option) is list and hasattr(get_args(option)[0], "_wire_fields"):
            return get_args(option)[0]  # type: ignore[no-any-return]
    return None


def _nullable(kind: Any) -> bool:
    return type(None) in get_args(kind)


def json_field(value: Any, key: str) -> Any:
    """The value of JSON key ``key`` in a parsed object (a model, or a dict kept as received), None if absent."""
    try:
        names = _names[type(value)]
    except KeyError:  # the type's JSON names, looked up once: a Mapping check on each call costs more than the rest
        names = _names[type(value)] = _json_names(type(value))
    if names is None:
        return value.get(key)
    if key in names:
        field = getattr(value, names[key])
        return None if field is UNSET else field
    return getattr(value, "additional_properties", {}).get(key)


def _json_names(kind: type) -> dict[str, str] | None:
    """A model's attributes by JSON name; None for a mapping."""
    if issubclass(kind, Mapping):
        return None
    spec = getattr(kind, "_wire_fields", lambda: None)()
    return {json_name: name for json_name, name, _, _ in spec or ()}


_names: dict[type, dict[str, str] | None] = {}


__all__ = ["json_field", "parse"]
