"""Generate a client from any OpenAPI document and call every operation it has, sync, async and raw, against Prism.

    python scripts/try_spec.py --spec path/to/openapi.json [--only-tag Orders]

For trying a spec before adopting it (the vendor's whole published document, say): it is generated into a scratch
directory with the custom templates and overrides/ (nothing in the repository changes), Prism serves it on
loopback, and each operation is called with arguments made from its schemas (required ones only, examples first),
then checked to return a parsed result. Prints one line per call that fails and a count; exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from generate import generate
from prism import running
from vendor import vendor

# Runs in the scratch package: every operation of SPEC, by operationId, found among client.v1's resources.
DRIVE = r"""
import asyncio, datetime, json, re, sys, uuid
import clear_street
from generate import argument_name, deref as _deref, METHODS
from normalize import normalize

spec = normalize(json.loads(SPEC_JSON))
deref = lambda node: _deref(spec, node)


def value_for(schema):
    schema = deref(schema)
    for key in ("example", "default"):
        if key in schema and schema[key] is not None and not isinstance(schema[key], (dict, list)):
            if schema.get("format") in ("date", "date-time", "uuid") or schema.get("enum"):
                break
            return schema[key]
    if "oneOf" in schema:
        options = [option for option in schema["oneOf"] if deref(option).get("type") != "null"]
        return value_for(options[0])
    kinds = schema.get("type", "object" if "properties" in schema else "string")
    kind = next(k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null")
    if schema.get("enum"):
        return next(value for value in schema["enum"] if value is not None)
    form = schema.get("format")
    if kind == "string":
        if form == "date":
            return datetime.date(2025, 10, 31)
        if form == "date-time":
            return datetime.datetime(2025, 10, 31, 13, 30, tzinfo=datetime.UTC)
        if form == "uuid":
            return uuid.UUID("0198a1c2-0000-7000-8000-000000000001")
        if form == "byte":
            return "eyJvIjoxfQ=="
        width = max(schema.get("minLength", 1), 1)
        candidates = [c * width for c in "x1A"] + ["0198a1c2-0000-7000-8000-000000000001"]
        return next((c for c in candidates if re.search(schema.get("pattern", ""), c)), candidates[0])
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return True
    if kind == "array":
        return [value_for(schema.get("items", {}))] * max(schema.get("minItems", 1), 1)
    properties = schema.get("properties", {})
    return {name: value_for(properties[name]) for name in schema.get("required", []) if name in properties}


calls = []
for path, item in spec["paths"].items():
    for method, operation in item.items():
        if method not in METHODS or (ONLY_TAG and ONLY_TAG not in operation.get("tags", [])):
            continue
        arguments = {}
        for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
            parameter = deref(parameter)
            if parameter.get("required") or parameter["in"] == "path":
                arguments[argument_name(parameter["name"])] = value_for(parameter["schema"])
        body = deref(operation.get("requestBody", {})).get("content", {}).get("application/json", {}).get("schema")
        if body is not None:
            value = value_for(body)
            if isinstance(value, dict) and "properties" in deref(body) or "oneOf" in deref(body):
                arguments.update({argument_name(k): v for k, v in (value or {}).items()})
            else:
                arguments["body"] = value
        calls.append((operation["operationId"], arguments))


def find(client, name):
    for tag in dir(type(client.v1)):
        if not tag.startswith("_") and hasattr(resource := getattr(client.v1, tag), name):
            return resource
    raise AttributeError(f"no method {name} under client.v1")


failed = 0
with clear_street.ClearStreet(api_key="k", base_url=URL, max_retries=0) as client:
    for name, arguments in calls:
        for mode in ("sync", "raw"):
            try:
                resource = find(client, name)
                if mode == "sync":
                    result = getattr(resource, name)(**arguments)
                else:
                    result = getattr(resource.with_raw_response, name)(**arguments).parse()
                assert hasattr(result, "to_dict"), result
            except Exception as exc:
                failed += 1
                print(f"FAIL {mode} {name}: {type(exc).__name__}: {exc}"[:400])


async def run_async():
    global failed
    async with clear_street.AsyncClearStreet(api_key="k", base_url=URL, max_retries=0) as client:
        for name, arguments in calls:
            for mode in ("async", "async raw"):
                try:
                    resource = find(client, name)
                    if mode == "async":
                        result = await getattr(resource, name)(**arguments)
                    else:
                        result = await (await getattr(resource.with_raw_response, name)(**arguments)).parse()
                    assert hasattr(result, "to_dict"), result
                except Exception as exc:
                    failed += 1
                    print(f"FAIL {mode} {name}: {type(exc).__name__}: {exc}"[:400])

asyncio.run(run_async())
print(f"{len(calls)} operations, {4 * len(calls) - failed} of {4 * len(calls)} calls returned a parsed result")
sys.exit(1 if failed else 0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", type=Path, required=True)
    parser.add_argument("--only-tag", default="")
    args = parser.parse_args()
    document = yaml.safe_load(args.spec.read_text())
    with tempfile.TemporaryDirectory() as scratch:
        generated = Path(scratch) / "generated"
        generate(args.spec, generated)
        vendor(Path(scratch) / "site" / "clear_street", generated)
        served = Path(scratch) / "served.json"
        served.write_text(json.dumps(document))
        with running(served, errors=False) as url:  # requests are still checked
            driver = Path(scratch) / "drive.py"
            driver.write_text(f"SPEC_JSON = open({str(served)!r}).read()\nURL = {url!r}\nONLY_TAG = {args.only_tag!r}\n"
                              + DRIVE)  # fmt: skip
            env = {**os.environ, "PYTHONPATH": f"{Path(scratch) / 'site'}{os.pathsep}{Path(__file__).parent}"}
            result = subprocess.run([sys.executable, str(driver)], env=env, timeout=1800)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
