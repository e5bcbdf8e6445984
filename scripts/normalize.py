"""Rewrite the schemas openapi-python-client 0.29.1 cannot parse into equivalent ones it can, before it reads them.

``scripts/generate.py`` calls ``normalize(spec)`` on a copy of the spec; the spec file itself is never edited.
Each rewrite keeps what the schema accepts and what the server sends unchanged:

- ``allOf`` whose members are all objects becomes one object: the members' properties together (references to
  components followed), their ``required`` lists joined, the outer title and description kept. The generator merges
  most of these itself, but not one inside a ``oneOf`` whose member is an inline object with a one-value enum (its
  parser rejects those), and the argument checks need one schema per body either way.
- An object member of a ``oneOf`` that carries a ``title`` becomes a component of its own, referenced from the
  ``oneOf``: named by its title, or, when a component already has that name, by the parent's name and the title.
  The generator would otherwise name its class by the title and collide with the component of that name; the
  title, which only names, is dropped from the new component.
- An inline object property whose class would be named as a component already is (``ContentPartCustom``'s
  ``payload`` and the component ``ContentPartCustomPayload``) becomes a component of its own, named as above.
- A ``oneOf`` of one member is that member (``oneOf: [oneOf: [null, X]]`` is ``oneOf: [null, X]``).
"""

from __future__ import annotations

import copy
import re
from typing import Any


def deref(spec: dict[str, Any], node: Any) -> Any:
    """``node`` with its ``$ref``s followed (JSON pointers unescaped) until a schema, or a cycle, is reached."""
    seen = set()
    while isinstance(node, dict) and "$ref" in node and node["$ref"] not in seen:
        seen.add(node["$ref"])
        target: Any = spec
        for part in node["$ref"].split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def normalize(spec: dict[str, Any]) -> dict[str, Any]:
    """A normalized deep copy of ``spec``."""
    spec = copy.deepcopy(spec)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})

    def resolve(node: Any) -> Any:
        return deref(spec, node)

    def is_object(node: Any) -> bool:
        node = resolve(node)
        return isinstance(node, dict) and (node.get("type") == "object" or "properties" in node or "allOf" in node)

    def merge_all_of(node: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for member in node["allOf"]:
            member = resolve(member)
            if "allOf" in member:
                member = merge_all_of(member)
            merged["properties"].update(copy.deepcopy(member.get("properties", {})))
            merged["required"] += [name for name in member.get("required", []) if name not in merged["required"]]
            if "additionalProperties" in member:
                merged["additionalProperties"] = member["additionalProperties"]
        merged.update({key: value for key, value in node.items() if key != "allOf"})
        if not merged["required"]:
            del merged["required"]
        return merged

    def walk(node: Any, parent: str) -> Any:
        if isinstance(node, list):
            return [walk(item, parent) for item in node]
        if not isinstance(node, dict):
            return node
        if "allOf" in node and all(is_object(member) for member in node["allOf"]):
            node = merge_all_of(node)
        if "oneOf" in node and len(node["oneOf"]) == 1 and set(node) <= {"oneOf", "description", "title"}:
            inner = node["oneOf"][0]
            return walk({**inner, **{k: v for k, v in node.items() if k != "oneOf" and k not in inner}}, parent)
        out = {key: walk(value, parent) for key, value in node.items()}
        own_names(out, parent)
        if "oneOf" in out:
            out["oneOf"] = [hoist(member, parent) for member in out["oneOf"]]
        return out

    def own_names(node: dict[str, Any], parent: str) -> None:
        for name, schema in node.get("properties", {}).items():
            if parent and class_name(parent + "_" + name) in schemas and "$ref" not in schema and is_object(schema):
                node["properties"][name] = hoist({**schema, "title": class_name(parent + "_" + name)}, parent)

    def hoist(member: Any, parent: str) -> Any:
        if not (isinstance(member, dict) and "title" in member and "$ref" not in member and is_object(member)):
            return member
        name = re.sub(r"\W", "", member["title"])
        if name in schemas:
            name = parent + name
        while name in schemas:
            name += "Variant"
        schemas[name] = {key: value for key, value in member.items() if key != "title"}  # the class's name
        own_names(schemas[name], name)
        return {"$ref": f"#/components/schemas/{name}"}

    def class_name(text: str) -> str:
        return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", text))

    for name in list(schemas):
        schemas[name] = walk(schemas[name], name)
    for path, item in spec.get("paths", {}).items():
        spec["paths"][path] = walk(item, "")
    return spec
