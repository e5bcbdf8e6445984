"""Regenerate ``generated/`` and the signatures in ``docs/api.md`` from ``spec/openapi.yaml``, or check both.

    python scripts/generate.py           # rewrite generated/ and docs/api.md's signature block
    python scripts/generate.py --check   # exit 1, naming the files, when either is stale
    python scripts/generate.py --spec S --output DIR   # generate from another spec into DIR (docs untouched)

The generator and the formatter are pinned: their versions are part of the output, so a different version
is refused rather than allowed to produce different bytes.

openapi-python-client does not hand schema constraints (minimum, minLength, pattern, minItems, int64, style,
explode) to its templates, yet the argument checks are generated from them. So this script reads them from the
spec and gives them to the templates as ``spec_facts.jinja``, written beside a copy of the custom templates.

The generator runs in this process, on a copy of the spec that ``normalize`` (scripts/normalize.py) has rewritten
where its parser would reject an equivalent schema. Before it runs, ``refusals`` lists every use of what the
templates cannot generate, by operation, parameter or field, construct and JSON pointer; a template that meets
one anyway calls ``unsupported(message)``, which stops generation with that message.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import functools
import importlib
import inspect
import io
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from normalize import deref, normalize
from vendor import vendor

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
CONFIG = ROOT / "scripts" / "openapi-python-client.yaml"
TEMPLATES = ROOT / "overrides" / "templates"
GENERATED = ROOT / "generated"
API_DOCS = ROOT / "docs" / "api.md"
DOCS_START, DOCS_END = "<!-- signatures: written by make generate; checked by make check -->", "<!-- end signatures -->"
CONSTRAINTS = ("type", "format", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
               "maxLength", "pattern", "minItems", "maxItems", "items", "oneOf", "properties", "required",
               "additionalProperties")  # fmt: skip
# What the argument checks implement (types/check_json), and what only documents.
CHECKED = frozenset(CONSTRAINTS) | {"$ref"}
IGNORED = frozenset({"description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly",
                     "externalDocs", "xml", "$comment"})  # fmt: skip
FORMATS = frozenset({"int32", "int64", "float", "double", "date", "date-time", "uuid", "byte"})
METHODS = ("get", "put", "post", "delete", "patch")
PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.5"}


def check_pins() -> None:
    for package, wanted in PINNED.items():
        found = version(package)
        if found != wanted:
            sys.exit(f"generate: {package} {found} is installed, {wanted} is pinned (run `make venv`)")


def spec_facts(spec: dict[str, Any]) -> dict[str, Any]:
    """For each operation, keyed by method and path: its parameters' and JSON body properties' schemas, references
    resolved and reduced to the constraints the templates check, with each parameter's ``in``, style and explode."""

    def constraints(schema: Any) -> dict[str, Any]:
        schema = deref(spec, schema)
        kept = {key: value for key, value in schema.items() if key in CONSTRAINTS}
        if "enum" in kept:  # null, in the enum of a nullable type, is its "type" already (and no Jinja literal)
            kept["enum"] = [value for value in kept["enum"] if value is not None]
        if "items" in kept:
            kept["items"] = constraints(kept["items"])
        if "oneOf" in kept:
            kept["oneOf"] = [constraints(option) for option in kept["oneOf"]]
        if "properties" in kept:
            kept["properties"] = {name: constraints(sub) for name, sub in kept["properties"].items()}
        if isinstance(kept.get("additionalProperties"), dict):
            kept["additionalProperties"] = constraints(kept["additionalProperties"])
        return kept

    facts: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            parameters = {}
            for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                parameter = deref(spec, parameter)
                style = parameter.get("style", "form" if parameter["in"] in ("query", "cookie") else "simple")
                parameters[parameter["name"]] = {
                    "in": parameter["in"], "style": style, "explode": parameter.get("explode", style == "form"),
                    "schema": constraints(parameter["schema"]), "argument": argument_name(parameter["name"]),
                }  # fmt: skip
            body = deref(spec, operation.get("requestBody", {})).get("content", {}).get("application/json", {})
            body_schema = constraints(body["schema"]) if "schema" in body else {}
            # An object body's properties are arguments of their own; a body that may be null as well is left out
            # when none is given; any other body (an array, say) is one argument, ``body``.
            options = [option for option in body_schema.get("oneOf", []) if option.get("type") != "null"]
            nullable = len(options) == 1 and len(body_schema["oneOf"]) == 2
            body_object = options[0] if nullable else body_schema
            kind = "object" if "properties" in body_object else "value" if body_schema else "none"
            facts[f"{method} {json.dumps(path)[1:-1]}"] = {  # the key a template builds: in_double_quote_literal
                "parameters": parameters,
                "path_order": re.findall(r"{([^}]+)}", path),
                "path_parts": [part for part in re.split(r"({[^}]+})", path) if part],
                "body": body_schema if kind == "value" else body_object,
                "body_kind": "optional_object" if kind == "object" and nullable else kind,
                "body_arguments": {name: argument_name(name) for name in body_object.get("properties", {})},
            }
    return facts


def fake_facts(spec: dict[str, Any]) -> dict[str, Any]:
    """What ``clear_street.testing``'s fake plays by, per operation id: method, path, path parameters, each query
    parameter's enum and the model field it filters, whether the 2xx's ``data`` is one model or a list of them, the
    documented 404 message, and each error status's description; and each such model's fields and required ones.
    Written to ``generated/spec_facts.py`` (template ``spec_facts.py.jinja``), so the fake follows the spec."""
    operations: dict[str, Any] = {}
    models: dict[str, Any] = {}
    envelope: dict[str, str] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = {code: deref(spec, answer) for code, answer in operation.get("responses", {}).items()}
            success = next((answer for code, answer in responses.items() if code.startswith("2")), {})
            data, model = result_model(spec, success, envelope)
            fields = models.setdefault(model, model_fields(spec, model)) if model else {}
            parameters = [deref(spec, p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]]
            query = {p["name"]: filter_facts(spec, p, fields) for p in parameters if p["in"] == "query"}
            examples = responses.get("404", {}).get("content", {}).get("application/json", {}).get("examples", {})
            not_found = [message for example in examples.values()
                         if isinstance(message := deref(spec, example).get("value", {}).get("error", {}).get(
                             "message"), str)]  # fmt: skip
            errors = {code: answer.get("description", "") for code, answer in responses.items() if code[0] in "45"}
            for code, answer in responses.items():
                error_schema = deref(spec, answer.get("content", {}).get("application/json", {}).get("schema", {}))
                if code[0] in "45" and error_schema.get("required"):
                    envelope.setdefault("error", error_schema["required"][0])
            operations[operation.get("operationId", f"{method} {path}")] = {
                "method": method.upper(), "path": path, "data": data, "model": model, "query": query,
                "path_parameters": {p["name"]: deref(spec, p["schema"]).get("type") for p in parameters
                                    if p["in"] == "path"},
                "not_found": not_found[0] if not_found else None, "errors": errors,
            }  # fmt: skip
    for fields in models.values():  # a field's $ref served only to match a filter to it: the fake does not read it
        for facts in fields.values():
            del facts["ref"]
    return {"operations": operations, "models": models, "envelope": envelope}


def result_model(spec: dict[str, Any], success: dict[str, Any], envelope: dict[str, str]) -> tuple[str | None, Any]:
    """Whether a 2xx's envelope holds one model (``"object"``) or a list of them (``"list"``), and the model's
    name; the envelope's property names go to ``envelope`` (data, metadata and its request id)."""
    schema = deref(spec, success.get("content", {}).get("application/json", {}).get("schema", {}))
    found: tuple[str | None, Any] = (None, None)
    for name, prop in schema.get("properties", {}).items():
        target = deref(spec, prop)
        if "request_id" in target.get("properties", {}):
            envelope["metadata"], envelope["request_id"] = name, "request_id"
        elif target.get("type") == "array" and "$ref" in target.get("items", {}):
            envelope["data"], found = name, ("list", target["items"]["$ref"].rsplit("/", 1)[1])
        elif "$ref" in prop and target.get("type") == "object" and name in schema.get("required", []):
            envelope["data"], found = name, ("object", prop["$ref"].rsplit("/", 1)[1])
    return found


def model_fields(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """A model's fields: JSON types, format, enum values (of a ``oneOf`` with null too), whether required, and the
    schema it refers to (``ref``, for ``filter_facts``)."""
    schema = deref(spec, spec["components"]["schemas"][name])
    fields: dict[str, Any] = {}
    for field, prop in schema.get("properties", {}).items():
        options = [deref(spec, option) for option in prop.get("oneOf", [prop])]
        types = [t for option in options for t in ([option["type"]] if isinstance(option.get("type"), str)
                                                   else option.get("type", []))]  # fmt: skip
        enum = [value for option in options for value in option.get("enum", []) if value is not None]
        fields[field] = {"types": types, "format": next((o["format"] for o in options if "format" in o), None),
                         "enum": enum or None, "required": field in schema.get("required", []),
                         "ref": next((o["$ref"] for o in prop.get("oneOf", [prop]) if "$ref" in o), None)}  # fmt: skip
    return fields


def filter_facts(spec: dict[str, Any], parameter: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """A query parameter as a filter: its enum values, whether it is a comma-joined list, and the model field it
    matches (the field of the same enum schema, else the field it names in the plural: ``instrument_ids``)."""
    schema = parameter["schema"]
    array = deref(spec, schema).get("type") == "array"
    ref = schema.get("$ref")
    field = next((name for name, facts in fields.items() if ref and facts["ref"] == ref), None)
    if field is None and parameter["name"].endswith("s") and parameter["name"][:-1] in fields:
        field = parameter["name"][:-1]
    return {"enum": deref(spec, schema).get("enum"), "array": array, "explode": parameter.get("explode", True),
            "field": field}  # fmt: skip


def refusals(spec: dict[str, Any]) -> list[str]:
    """What the request builders cannot check, each as the operation, the parameter or body, the construct and its
    JSON pointer in the (normalized) spec: header and cookie parameters, bodies other than JSON, a query style other
    than form, and schema keywords or formats the argument checks do not implement."""
    found: list[str] = []

    def pointer(*parts: Any) -> str:
        return "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in parts)

    def walk(schema: Any, where: str, at: tuple[Any, ...], seen: frozenset[str]) -> None:
        if not isinstance(schema, dict):
            return
        if "$ref" in schema:
            if schema["$ref"] in seen:
                return found.append(f"{where}: a recursive schema at {pointer(*at)}")
            at, seen = tuple(schema["$ref"][2:].split("/")), seen | {schema["$ref"]}
            schema = deref(spec, schema)
        for unchecked in schema.keys() - CHECKED - IGNORED:
            found.append(f"{where}: the schema keyword {unchecked!r}, which the argument checks do not implement, "
                         f"at {pointer(*at, unchecked)}")  # fmt: skip
        if schema.get("format", "int64") not in FORMATS:
            found.append(f"{where}: the format {schema['format']!r}, which the argument checks do not implement, at "
                         f"{pointer(*at, 'format')}")  # fmt: skip
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], f"{where}[]", (*at, "items"), seen)
        if isinstance(schema.get("additionalProperties"), dict):
            walk(schema["additionalProperties"], f"{where}.*", (*at, "additionalProperties"), seen)
        for index, member in enumerate(schema.get("oneOf", [])):
            walk(member, where, (*at, "oneOf", index), seen)
        for name, sub in schema.get("properties", {}).items():
            walk(sub, f"{where}.{name}", (*at, "properties", name), seen)

    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            name = f"{operation.get('operationId', method)} ({method.upper()} {path})"
            for index, parameter in enumerate([*item.get("parameters", []), *operation.get("parameters", [])]):
                shared = len(item.get("parameters", []))  # the path item's, then the operation's
                at = (
                    "paths",
                    path,
                    *(() if index < shared else (method,)),
                    "parameters",
                    index % shared if index < shared else index - shared,
                )
                parameter = deref(spec, parameter)
                where = f"operation {name}, parameter {parameter['name']}"
                if parameter["in"] not in ("path", "query"):
                    found.append(f"{where}: a {parameter['in']} parameter, at {pointer(*at, 'in')}")
                elif parameter.get("style", "form") != "form" and parameter["in"] == "query":
                    found.append(f"{where}: the query style {parameter['style']!r}, at {pointer(*at, 'style')}")
                walk(parameter.get("schema"), where, (*at, "schema"), frozenset())
            content = deref(spec, operation.get("requestBody", {})).get("content", {})
            for media in content.keys() - {"application/json"}:
                found.append(f"operation {name}: a {media} request body, at "
                             f"{pointer('paths', path, method, 'requestBody', 'content', media)}")  # fmt: skip
            if "application/json" in content:
                at = ("paths", path, method, "requestBody", "content", "application/json", "schema")
                walk(content["application/json"].get("schema"), f"operation {name}, body", at, frozenset())
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        model_refusals(schema, f"schema {name}", ("components", "schemas", name), found)
    return found


def model_refusals(schema: Any, where: str, at: tuple[Any, ...], found: list[str]) -> None:
    """What the model template cannot parse: ``const`` and ``format: binary`` (a file, not JSON)."""
    if not isinstance(schema, dict):
        return
    pointer = "#/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in at)
    if "const" in schema:
        found.append(f"{where}: the keyword 'const', which the model template does not parse, at {pointer}/const")
    if schema.get("format") == "binary":
        found.append(f"{where}: the format 'binary', which the model template does not parse, at {pointer}/format")
    for key in ("items", "additionalProperties"):
        model_refusals(schema.get(key), f"{where}[]" if key == "items" else f"{where}.*", (*at, key), found)
    for key in ("oneOf", "anyOf", "allOf"):
        for index, member in enumerate(schema.get(key, [])):
            model_refusals(member, where, (*at, key, index), found)
    for field, sub in schema.get("properties", {}).items():
        model_refusals(sub, f"{where}, field {field}", (*at, "properties", field), found)


def argument_name(name: str) -> str:
    """The keyword a method takes for a parameter: its own name, as the official SDK has it (``type``, not
    ``type_``), unless that is no identifier or a keyword."""
    if name.isidentifier() and not keyword.iskeyword(name):
        return name
    return re.sub(r"\W", "_", name).lstrip("0123456789") + "_"


def templates_with_facts(spec: dict[str, Any], scratch: Path) -> Path:
    """The custom templates, and ``spec_facts.jinja`` holding ``spec_facts(spec)`` as a Jinja literal."""
    templates = scratch / "templates"
    shutil.copytree(TEMPLATES, templates)
    facts = json.dumps(spec_facts(spec), ensure_ascii=True, sort_keys=True)
    # JSON is a Jinja literal but for null, which the facts never hold (a "null" type is a string).
    (templates / "spec_facts.jinja").write_text("{% set FACTS = " + facts + " %}\n")
    return templates


class Refused(Exception):
    """A construct the templates cannot generate: raised by ``unsupported()`` in a template, or by ``refusals``."""


def unsupported(message: str) -> None:
    """The templates' way to stop generation: a message naming the operation or model, the parameter or field,
    the construct and where the spec has it."""
    raise Refused(message)


def body_properties_of(endpoint: Any) -> list[Any]:
    """The properties of an operation's object body (of the object, when the body may also be null), which become
    arguments of their own; [] for any other body."""
    prop = endpoint.bodies[0].prop if endpoint.bodies else None
    if type(prop).__name__ == "UnionProperty":
        inner = [option for option in prop.inner_properties if type(option).__name__ != "NoneProperty"]
        prop = inner[0] if len(inner) == 1 else None
    if type(prop).__name__ != "ModelProperty":
        return []
    return [*prop.required_properties, *prop.optional_properties]


def argument_classes(endpoint: Any) -> list[str]:
    """The enum and model classes an operation's arguments are annotated with, lists and unions looked through."""
    todo = [*endpoint.path_parameters, *endpoint.query_parameters, *body_properties_of(endpoint)]
    if endpoint.bodies and not body_properties_of(endpoint):
        todo.append(endpoint.bodies[0].prop)
    names: list[str] = []
    while todo:
        prop = todo.pop()
        kind = type(prop).__name__
        if kind == "ListProperty":
            todo.append(prop.inner_property)
        elif kind == "UnionProperty":
            todo.extend(prop.inner_properties)
        elif kind in ("EnumProperty", "ModelProperty"):
            names.append(prop.class_info.name)
    return names


def generate(spec: Path, output: Path) -> None:
    """Run the generator into ``output`` (replaced whole), formatting with the ruff beside this Python."""
    from openapi_python_client import Project
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.parser.errors import GeneratorError

    document = normalize(yaml.safe_load(spec.read_text()))
    if problems := refusals(document):
        sys.exit("generate: the spec uses what the templates cannot generate:\n  " + "\n  ".join(problems))
    bin_dir = Path(sys.executable).parent
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"  # the post hooks' ruff: the pinned one
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "_generated"
        config = Config.from_sources(ConfigFile.load_from_path(CONFIG), MetaType.NONE, spec, "utf-8", False, target)
        openapi = GeneratorData.from_dict(document, config=config)
        # The generator reports problems in the spec as warnings and carries on: treat them as failures.
        errors = [openapi] if isinstance(openapi, GeneratorError) else list(openapi.errors)
        if not errors:
            project = Project(
                openapi=openapi, config=config, custom_template_path=templates_with_facts(document, Path(scratch))
            )
            project.env.globals.update(unsupported=unsupported, body_properties_of=body_properties_of,
                                       argument_classes=argument_classes)  # fmt: skip
            project.env.filters["python_literal"] = repr  # a schema of the facts as a Python literal
            with contextlib.redirect_stdout(io.StringIO()):
                try:
                    errors = list(project.build())
                except Refused as refused:
                    sys.exit(f"generate: {refused}")
            if not errors:
                write_fake_facts(project, document, target)
        if errors or not target.is_dir():
            listing = "\n".join(f"{error.header}: {error.detail}" for error in errors)
            sys.exit(f"generate: openapi-python-client failed\n{listing}")
        shutil.rmtree(target / ".ruff_cache", ignore_errors=True)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(target, output)


def write_fake_facts(project: Any, document: dict[str, Any], target: Path) -> None:
    """``spec_facts.py`` beside the generated code (the generator renders only its own templates' names), then
    formatted by the same post hooks as the rest."""
    template = project.env.get_template("spec_facts.py.jinja")
    (target / "spec_facts.py").write_text(template.render(facts=fake_facts(document)) + "\n")
    for hook in project.config.post_hooks:
        subprocess.run(hook, shell=True, cwd=target, check=True, capture_output=True)  # noqa: S602 (the config's)


def render_signatures(package: Any) -> str:
    """The signature block of docs/api.md, read off an imported ``clear_street`` with ``inspect``."""
    client = package.ClearStreet(api_key="k")
    rows = [("ClearStreet", package.ClearStreet.__init__), ("AsyncClearStreet", package.AsyncClearStreet.__init__),
            ("client.with_options", client.with_options), ("async_http_client", package.async_http_client)]  # fmt: skip
    namespaces = [name for name, value in vars(package._generated.api.Resources).items()
                  if isinstance(value, functools.cached_property)]  # fmt: skip
    for namespace in namespaces:
        tags = [name for name, value in vars(type(getattr(client, namespace))).items()
                if isinstance(value, functools.cached_property)]  # fmt: skip
        for tag, resource in ((tag, getattr(getattr(client, namespace), tag)) for tag in tags):
            for raw in ("", ".with_raw_response"):
                target = resource.with_raw_response if raw else resource
                names = [name for name in dir(target) if not name.startswith("_") and name != "with_raw_response"]
                rows += [(f"client.{namespace}.{tag}{raw}.{name}", getattr(target, name)) for name in names]
    testing = importlib.import_module(f"{package.__name__}.testing")  # not imported by the package itself
    rows += [("clear_street.testing.FakeClearStreet", testing.FakeClearStreet.__init__)]
    rows += [(f"fake.{name}", getattr(testing.FakeClearStreet, name)) for name in vars(testing.FakeClearStreet)
             if not name.startswith("_") and inspect.isfunction(getattr(testing.FakeClearStreet, name))
             and not name.startswith(("handle_", "close", "aclose"))]  # fmt: skip
    properties = [name for name, value in vars(testing.FakeClearStreet).items() if isinstance(value, property)]
    lines = ["```python"]
    for name, function in rows:
        signature = inspect.signature(function)
        if name in ("ClearStreet", "AsyncClearStreet", "clear_street.testing.FakeClearStreet") or name.startswith(
            "fake."
        ):  # no self
            signature = signature.replace(parameters=list(signature.parameters.values())[1:])
            if not name.startswith("fake."):
                signature = signature.replace(return_annotation=None)
        text = re.sub(r"\bmodels\.", "", f"{name}{signature}")  # the lazy annotations' package: names are public
        lines.append(text.replace(" -> None", "").replace(" -> 'None'", ""))
    for name in properties:
        annotation = inspect.signature(getattr(testing.FakeClearStreet, name).fget).return_annotation
        lines.append(f"fake.{name}: {annotation!r}")
    lines += ["```", "", "Exported from `clear_street`: " + ", ".join(f"`{name}`" for name in sorted(package.__all__))]
    lines += ["", "Exported from `clear_street.testing`: " + ", ".join(f"`{name}`" for name in testing.__all__)]
    client.close()
    return "\n".join(lines)


def api_docs(generated: Path) -> str:
    """docs/api.md with its signature block rendered from the package that ``generated`` makes with overrides/."""
    with tempfile.TemporaryDirectory() as scratch:
        vendor(Path(scratch) / "clear_street", generated)
        code = "import sys, clear_street, generate; sys.stdout.write(generate.render_signatures(clear_street))"
        env = {**os.environ, "PYTHONPATH": f"{scratch}{os.pathsep}{Path(__file__).parent}"}
        block = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if block.returncode != 0:
        sys.exit(f"generate: the generated package does not import with overrides/:\n{block.stderr}")
    text = API_DOCS.read_text()
    start, end = text.index(DOCS_START) + len(DOCS_START), text.index(DOCS_END)
    return text[:start] + "\n" + block.stdout + "\n" + text[end:]


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees, including files only on one side."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if generated/ differs from a fresh generation")
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--output", type=Path, default=GENERATED)
    args = parser.parse_args()
    check_pins()
    if not args.check:
        generate(args.spec, args.output)
        if args.output == GENERATED:
            API_DOCS.write_text(api_docs(GENERATED))
        return
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "generated"
        generate(args.spec, fresh)
        stale = differences(fresh, args.output) if args.output.is_dir() else ["(generated/ is missing)"]
        if api_docs(fresh) != API_DOCS.read_text():
            stale.append("docs/api.md (its signature block)")
    if stale:
        listing = "\n  ".join(stale)
        sys.exit(f"generate: generated/ is stale; run `make generate` and commit. Differs:\n  {listing}")
    print("generate: generated/ and docs/api.md are up to date")


if __name__ == "__main__":
    main()
