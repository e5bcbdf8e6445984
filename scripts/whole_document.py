"""A stand-in for the vendor's whole OpenAPI document, made from this repository's specs, for `make bench`.

    python scripts/whole_document.py > whole.json

The vendor's document (61 operations under 10 tags, 200 schemas; embedded in the official SDK's scripts/mock) is
not in this repository and the bench must not need the network. This one has its size and shape: 61 operations
under 8 tags, 216 schemas, each copy of spec/openapi.yaml with spec/constructs/openapi.yaml (8 operations, 27
schemas, every construct the templates support) under its own tag, path prefix, operation ids and schema names.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = 61
METHODS = ("get", "put", "post", "delete", "patch")
SCHEMAS = "#/components/schemas/"


def renamed(node: Any, suffix: str) -> Any:
    """``node`` with every reference to a schema pointing at that schema's copy named with ``suffix``."""
    if isinstance(node, dict):
        return {key: renamed(value, suffix) for key, value in node.items()}
    if isinstance(node, list):
        return [renamed(value, suffix) for value in node]
    if isinstance(node, str) and node.startswith(SCHEMAS):
        return node + suffix
    return node


def whole_document() -> dict[str, Any]:
    """The product spec grown by copies of itself and the constructs until it has ``OPERATIONS`` operations; the
    first copy keeps its names (the shared parameters and responses refer to them)."""
    product = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
    constructs = yaml.safe_load((ROOT / "spec" / "constructs" / "openapi.yaml").read_text())
    family = {"paths": {**product["paths"], **constructs["paths"]},
              "schemas": {**product["components"]["schemas"], **constructs["components"]["schemas"]}}  # fmt: skip
    document = copy.deepcopy(product)
    document["paths"], document["components"]["schemas"], document["tags"] = {}, {}, []
    count, desk = 0, 0
    while count < OPERATIONS:
        suffix = f"Desk{desk}" if desk else ""
        tag = f"desk{desk}"
        document["tags"].append({"name": tag, "description": f"Copy {desk} of the product's and the constructs'."})
        document["components"]["schemas"].update(
            {name + suffix: renamed(schema, suffix) for name, schema in family["schemas"].items()}
        )
        for path, item in family["paths"].items():
            copied: dict[str, Any] = {}
            for key, value in renamed(copy.deepcopy(item), suffix).items():
                if key in METHODS:
                    if count == OPERATIONS:
                        continue
                    value["operationId"] += f"_{desk}" if desk else ""
                    value["tags"] = [tag]
                    count += 1
                copied[key] = value
            if any(key in METHODS for key in copied):
                document["paths"][path.replace("/v1/", f"/v1/{tag}/", 1)] = copied
        desk += 1
    return document


if __name__ == "__main__":
    json.dump(whole_document(), sys.stdout, indent=1)
