"""Every construct the templates support, from spec/constructs/openapi.yaml (a test spec, not the product's):
generated with no hand edits, driven sync, async and raw against Prism serving that spec, and checked in detail
(what goes out, what is refused before sending, what comes back) in a fresh interpreter."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from openapi_spec_validator import validate

CONSTRUCTS = ROOT / "spec" / "constructs" / "openapi.yaml"
sys.path.insert(0, str(ROOT / "scripts"))
from normalize import normalize  # noqa: E402


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The constructs spec generated and vendored as ``clear_street`` under the returned directory."""
    scratch = tmp_path_factory.mktemp("constructs")
    subprocess.run([sys.executable, "scripts/generate.py", "--spec", str(CONSTRUCTS), "--output",
                    str(scratch / "generated")], cwd=ROOT, check=True, capture_output=True, timeout=300)  # fmt: skip
    subprocess.run([sys.executable, "scripts/vendor.py", str(scratch / "site" / "clear_street"), "--generated",
                    str(scratch / "generated")], cwd=ROOT, check=True, capture_output=True, timeout=60)  # fmt: skip
    return scratch / "site"


def run(code: str, site: Path) -> str:
    env = {"PYTHONPATH": str(site), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_constructs_spec_is_valid_openapi_3_1() -> None:
    validate(yaml.safe_load(CONSTRUCTS.read_text()))


def test_every_operation_sync_async_and_raw_against_prism() -> None:
    result = subprocess.run([sys.executable, "scripts/try_spec.py", "--spec", str(CONSTRUCTS)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    operations = sum(1 for item in yaml.safe_load(CONSTRUCTS.read_text())["paths"].values() for _ in item
                     if _ != "parameters")  # fmt: skip
    calls = 4 * operations  # sync, raw, async and async raw
    assert f"{operations} operations, {calls} of {calls} calls returned a parsed result" in result.stdout


DRIVE = """
    import datetime, enum, json, uuid
    import httpx, clear_street
    from clear_street._generated.models import ThingUpdate

    THING = {"id": "0198a1c2-0000-7000-8000-000000000001", "name": "w", "created_on": "2025-10-31",
             "updated_at": "2025-10-31T13:30:00.123456789Z", "score": "7.5", "extra": [[[1]]],
             "parts": [{"type": "text", "text": "hi"}, {"type": "chart", "points": [1, 2.5]}]}
    sent = []

    def answer(request):
        sent.append((request.method, str(request.url), request.content.decode()))
        if request.method == "DELETE" and "/things/" in request.url.path:
            return httpx.Response(200)
        data = [THING] if request.url.path.endswith("/things") else THING
        return httpx.Response(200, json={"data": data, "metadata": {"request_id": "r", "total_items": 1}})

    client = clear_street.ClearStreet(api_key="k", base_url="http://x.test",
                                      http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    things = client.v1.things
    class Acct(enum.IntEnum):
        MAIN = 19816
    tid = uuid.UUID(THING["id"])
    got = things.get_thing(tid, account_id=Acct.MAIN, as_of=datetime.date(2025, 10, 31),
                           since=datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC), page_token="eyJvIjoxfQ==",
                           related=(tid, str(tid)), verbose=None)
    print(sent[-1][1])
    data = got.data
    print(data.created_on == datetime.date(2025, 10, 31), data.score, data.updated_at.nanosecond,
          type(data.parts[0]).__name__, type(data.parts[1]).__name__, data.parts[1].points, got.metadata.total_items)
    assert data.to_dict() == THING, data.to_dict()
    things.update_thing(tid, account_id=1, note=None, weight=2.5, limits={"low": "1", "high": None})
    things.update_thing(tid, account_id=1, tags=["a"])
    print(sent[-2][2], sent[-1][2])
    print(things.submit_things(1, body=[{"name": "n", "kind": "SMALL", "due": datetime.date(2026, 1, 2)}]).data[0].name,
          sent[-1][2])
    things.close_things(1)
    things.close_things(1, thing_ids=[tid])
    print(repr(sent[-2][2]), sent[-1][2])
    print(type(things.delete_thing(tid, account_id=1)).__name__)
    things.replace_things(1, label="x", thing_ids=[])
    print(sent[-1][2])
    update = ThingUpdate.from_dict({"note": None, "weight": "heavy"})
    things.update_thing(tid, account_id=1, limits=None, note=update.note)
    print(sent[-1][2])
    before, day = len(sent), datetime.date(2025, 1, 1)
    for call in [
        lambda: things.get_thing("not-a-uuid", account_id=1, as_of=day),
        lambda: things.get_thing(tid, account_id=1, as_of="2025-1-1"),
        lambda: things.get_thing(tid, account_id=1, as_of=day, since=datetime.datetime(2025, 1, 1)),
        lambda: things.get_thing(tid, account_id=1, as_of=day, page_token="not base64!"),
        lambda: things.get_thing(tid, account_id=1, as_of=day, related=str(tid)),
        lambda: things.update_thing(tid, account_id=1, limits={"low": "one"}),
        lambda: things.update_thing(tid, account_id=1, limits={"high": "1"}),
        lambda: things.update_thing(tid, account_id=1, note="x" * 21),
        lambda: things.submit_things(1, body=[{"name": "n", "kind": "HUGE"}]),
        lambda: things.submit_things(1, body=[]),
        lambda: things.submit_things(1, body={"name": "n", "kind": "SMALL"}),
        lambda: things.close_things(1, thing_ids="abc"),
    ]:
        try:
            call()
        except (TypeError, ValueError) as exc:
            print("refused:", exc)
        else:
            raise AssertionError(f"not refused: {call.__code__.co_firstlineno}")
    assert len(sent) == before, "refused before anything was sent"
"""


def test_each_construct_goes_out_and_comes_back_as_the_spec_says(package: Path) -> None:
    lines = run(DRIVE, package).splitlines()
    assert lines[0] == ("http://x.test/v1/accounts/19816/things/0198a1c2-0000-7000-8000-000000000001?as_of=2025-10-31"
                        "&since=2025-01-02T03%3A04%3A05%2B00%3A00&page_token=eyJvIjoxfQ%3D%3D&related="
                        "0198a1c2-0000-7000-8000-000000000001,0198a1c2-0000-7000-8000-000000000001")  # fmt: skip
    assert lines[1] == "True 7.5 789 PartTextPart PartChartPart [1, 2.5] 1"
    # An explicit None goes out as null; an argument left out does not go out at all.
    assert lines[2] == '{"note":null,"limits":{"low":"1","high":null},"weight":2.5} {"tags":["a"]}'
    assert lines[3] == 'w [{"name":"n","kind":"SMALL","due":"2026-01-02"}]'
    assert lines[4] == "'' " + '{"thing_ids":["0198a1c2-0000-7000-8000-000000000001"]}'  # no argument: no body
    assert lines[5] == "NoBody"
    assert lines[6] == '{"label":"x","thing_ids":[]}'
    assert lines[7] == '{"note":null,"limits":null}'
    refusals = [line.removeprefix("refused: ") for line in lines[8:]]
    assert refusals[0].startswith("thing_id must be a UUID")
    assert refusals[1].startswith("as_of must be an ISO 8601 date")
    assert "aware" in refusals[2]
    assert refusals[3].startswith("page_token must be base64")
    assert refusals[4].startswith("related must be array, got str")
    assert "limits.low must match" in refusals[5]
    assert "limits lacks the required low" in refusals[6]
    assert refusals[7].startswith("note must have at most 20 characters")
    assert "body[0].kind must be one of SMALL, LARGE" in refusals[8]
    assert "body must not be empty" in refusals[9]
    assert refusals[10].startswith("body must be array")
    assert refusals[11].startswith("thing_ids must be a list")
    assert len(refusals) == 12


def test_a_deviating_body_is_returned_and_reported(package: Path) -> None:
    out = run(
        """
        import httpx, clear_street
        thing = {"id": "nope", "name": "w", "created_on": "2025-13-01", "score": [1], "parts": [{"type": "x"}],
                 "updated_at": "2025-10-31T13:30:Z"}
        body = {"data": thing, "metadata": {"request_id": "r"}}
        client = clear_street.ClearStreet(api_key="k", base_url="http://x.test", http_client=httpx.Client(
            transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body))))
        raw = client.v1.things.with_raw_response.get_thing("0198a1c2-0000-7000-8000-000000000001", account_id=1,
                                                           as_of="2025-10-31")
        parsed = raw.parse()
        print(sorted(d.path for d in raw.deviations))
        assert parsed.to_dict() == body
    """,
        package,
    )
    assert out.split("\n")[0] == ("['data.created_on', 'data.id', 'data.parts[0]', 'data.score', 'data.updated_at']")


def test_the_stock_parsers_rejects_are_normalized() -> None:
    """allOf of objects merged; a titled oneOf member made a component, renamed where the title is taken; an inline
    object whose class name is a component's made a component; a one-member oneOf unwrapped."""
    spec = {"paths": {}, "components": {"schemas": {
        "Base": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
        "Union": {"oneOf": [{"title": "Base", "allOf": [{"$ref": "#/components/schemas/Base"},
                  {"type": "object", "required": ["t"], "properties": {"t": {"type": "string", "enum": ["x"]}}}]},
                  {"type": "null"}]},
        "Holder": {"type": "object", "properties": {"payload": {"type": "object"},
                                                    "maybe": {"oneOf": [{"oneOf": [{"type": "null"}]}]}}},
        "HolderPayload": {"type": "object"},
    }}}  # fmt: skip
    before = copy.deepcopy(spec)
    schemas = normalize(spec)["components"]["schemas"]
    assert spec == before  # a copy is normalized, never the spec
    assert schemas["UnionBase"] == {"type": "object", "required": ["a", "t"], "properties": {
        "a": {"type": "string"}, "t": {"type": "string", "enum": ["x"]}}}  # fmt: skip
    assert schemas["Union"] == {"oneOf": [{"$ref": "#/components/schemas/UnionBase"}, {"type": "null"}]}
    assert schemas["Holder"]["properties"]["payload"] == {"$ref": "#/components/schemas/HolderHolderPayload"}
    assert schemas["Holder"]["properties"]["maybe"] == {"type": "null"}  # a oneOf of one member is the member


def test_what_cannot_be_generated_is_refused_by_name_and_pointer(tmp_path: Path) -> None:
    spec = yaml.safe_load(CONSTRUCTS.read_text())
    thing = spec["paths"]["/v1/accounts/{account_id}/things/{thing_id}"]
    thing["get"]["parameters"].append({"name": "X-Trace", "in": "header", "schema": {"type": "string"}})
    thing["get"]["parameters"].append({"name": "near", "in": "query", "schema": {"anyOf": [{"type": "string"}]}})
    spec["components"]["schemas"]["ThingUpdate"]["properties"]["span"] = {"type": "string", "format": "duration"}
    spec["components"]["schemas"]["Thing"]["properties"]["version"] = {"const": 2}
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(spec))
    result = subprocess.run([sys.executable, "scripts/generate.py", "--spec", str(path), "--output",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode != 0
    assert not (tmp_path / "out").exists()
    message = result.stderr
    assert "Undefined" not in message, message
    assert "Traceback" not in message, message
    pointer = "#/paths/~1v1~1accounts~1{account_id}~1things~1{thing_id}/get/parameters"
    operation = "operation get_thing (GET /v1/accounts/{account_id}/things/{thing_id})"
    assert f"{operation}, parameter X-Trace: a header parameter, at {pointer}/5/in" in message
    unchecked = "which the argument checks do not implement, at"
    assert f"{operation}, parameter near: the schema keyword 'anyOf', {unchecked} {pointer}/6/schema/anyOf" in message
    update = "operation update_thing (PATCH /v1/accounts/{account_id}/things/{thing_id})"
    span = "#/components/schemas/ThingUpdate/properties/span/format"
    assert f"{update}, body.span: the format 'duration', {unchecked} {span}" in message
    assert ("schema Thing, field version: the keyword 'const', which the model template does not parse, at "
            "#/components/schemas/Thing/properties/version/const") in message  # fmt: skip
