"""A spec that grows by new operations regenerates into a package whose new methods work, with no hand edits.

A copy of the spec gains a GET on an existing path, a GET with an enum-array filter, an integer range, a boolean and
a token, a POST with a JSON body, an operation under a new tag, and every operation of spec/constructs/openapi.yaml
(dates, date-times, uuids, bytes, nullable body properties, array, optional and allOf bodies, unions, object
arguments, a 2xx with no body, oneOf of allOf members). It is generated into a scratch tree, built into a wheel with
the unchanged overrides/, installed, and driven sync, async and raw against a real server on loopback, and every
operation of it against Prism.
"""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SPEC_PATH, example

ORDER_RESPONSE = {"$ref": "#/components/schemas/OrderCancelOpenOrderResponse"}
ORDERS_RESPONSE = {"$ref": "#/components/schemas/OrderCancelAllOpenOrdersResponse"}


def ok(schema: dict) -> dict:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def grown_spec() -> dict:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    account = {"$ref": "#/components/parameters/AccountId"}
    order_id = copy.deepcopy(spec["paths"]["/v1/accounts/{account_id}/orders/{order_id}"]["delete"]["parameters"][1])
    spec["paths"]["/v1/accounts/{account_id}/orders/{order_id}"]["get"] = {
        "operationId": "get_order", "tags": ["orders"], "summary": "Get Order", "description": "One order by id",
        "parameters": [account, order_id], "responses": ok(ORDER_RESPONSE),
    }  # fmt: skip
    spec["paths"]["/v1/accounts/{account_id}/orders"]["get"] = {
        "operationId": "list_orders", "tags": ["orders"], "summary": "List Orders",
        "parameters": [
            account,
            {"name": "statuses", "in": "query", "style": "form", "explode": False,
             "schema": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/OrderStatus"}}},
            {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
            {"name": "include_closed", "in": "query", "schema": {"type": "boolean"}},
            {"name": "page_token", "in": "query", "schema": {"type": "string", "minLength": 1}},
            {"name": "venue", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
        ],
        "responses": ok(ORDERS_RESPONSE),
    }  # fmt: skip
    spec["paths"]["/v1/accounts/{account_id}/orders"]["post"] = {
        "operationId": "place_order", "tags": ["orders"], "summary": "Place Order",
        "parameters": [account],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["symbol", "quantity", "side"],
            "properties": {
                "symbol": {"type": "string", "minLength": 1},
                "quantity": {"type": "string", "pattern": "^[0-9]+$"},
                "side": {"$ref": "#/components/schemas/Side"},
                "limit_price": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}},
            }}}}},
        "responses": ok(ORDER_RESPONSE),
    }  # fmt: skip
    spec["tags"].append({"name": "positions", "description": "Positions held."})
    spec["components"]["schemas"]["Priority"] = {"type": "integer", "enum": [1, 2, 3]}
    spec["components"]["schemas"]["Position"] = {
        "type": "object", "required": ["symbol", "quantity"],
        "properties": {"symbol": {"type": "string"}, "quantity": {"type": "string"},
                       "priority": {"$ref": "#/components/schemas/Priority"}},
    }  # fmt: skip
    spec["components"]["schemas"]["PositionListResponse"] = {
        "type": "object", "required": ["data", "metadata"],
        "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Position"}},
                       "metadata": {"$ref": "#/components/schemas/ResponseMetadata"}},
    }  # fmt: skip
    constructs = yaml.safe_load((ROOT / "spec" / "constructs" / "openapi.yaml").read_text())
    spec["paths"].update(constructs["paths"])
    spec["components"]["schemas"].update(constructs["components"]["schemas"])
    spec["tags"].append({"name": "things", "description": "Every construct."})
    spec["paths"]["/v1/accounts/{account_id}/positions"] = {"get": {
        "operationId": "list_positions", "tags": ["positions"], "summary": "List Positions",
        "parameters": [account, {"name": "priority", "in": "query",
                                 "schema": {"$ref": "#/components/schemas/Priority"}}],
        "responses": ok({"$ref": "#/components/schemas/PositionListResponse"}),
    }}  # fmt: skip
    return spec


# Runs in the installed scratch package: a real server on loopback, then every new method sync, async and raw.
DRIVE = textwrap.dedent("""
    import asyncio, datetime, json, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    import clear_street

    ORDER = json.loads(ORDER_JSON)
    THING = {"id": "0198a1c2-0000-7000-8000-000000000001", "name": "w", "created_on": "2025-10-31", "score": 2,
             "parts": [{"type": "chart", "points": [1]}]}
    seen, failed_once = [], set()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_GET(self): self.answer()
        def do_POST(self): self.answer()
        def do_PATCH(self): self.answer()
        def do_PUT(self): self.answer()
        def do_DELETE(self): self.answer()
        def answer(self):
            length = int(self.headers.get("content-length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            seen.append((self.command, self.path, body))
            key = (self.command, self.path.split("?")[0])
            if self.headers.get("x-fail-once") and key not in failed_once:
                failed_once.add(key)
                return self.reply(503, {"error": {"code": 503, "message": "busy"}, "metadata": {"request_id": "b"}})
            if "/things" in self.path:
                if self.command == "DELETE" and "/things/" in self.path:
                    self.send_response(200)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                data = [THING] if self.path.split("?")[0].endswith("/things") else THING
                return self.reply(200, {"data": data, "metadata": {"request_id": "t", "next_page_token": None}})
            if "missing" in self.path:
                error = {"code": 404, "message": "no such thing"}
                return self.reply(404, {"error": error, "metadata": {"request_id": "m"}})
            if self.path.split("?")[0].endswith("/positions"):
                positions = [{"symbol": "AAPL", "quantity": "10", "priority": 2},
                             {"symbol": "X", "quantity": "1", "priority": 9}]
                return self.reply(200, {"data": positions, "metadata": {"request_id": "p"}})
            if self.command == "GET" and self.path.split("?")[0].endswith("/orders"):
                return self.reply(200, {"data": [ORDER, ORDER], "error": None, "metadata": {"request_id": "l"}})
            return self.reply(200, {"data": ORDER, "error": None, "metadata": {"request_id": "o"}})
        def reply(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    retrying = {"x-fail-once": "1"}

    def check_sync(client):
        o = client.v1.orders
        assert o.get_order("ord-1", account_id=7).data.symbol == "TSLA"
        listed = o.list_orders(7, statuses=["NEW", clear_street.OrderStatus.PARTIALLY_FILLED], page_size=50,
                               include_closed=True, page_token="t 1", venue=["XNAS", "a,b"])
        assert len(listed.data) == 2
        placed = o.place_order(7, symbol="AAPL", quantity="10", side="BUY", tags=["desk-a"],
                               extra_body={"note": "x"})
        assert placed.metadata.request_id == "o"
        positions = client.v1.positions.list_positions(7, priority=clear_street._generated.models.Priority(2)).data
        assert positions[0].symbol == "AAPL" and positions[0].priority == 2 and positions[1].priority == 9
        assert client.v1.positions.list_positions(7, priority=3).data[1].to_dict()["priority"] == 9
        raw = o.with_raw_response.list_orders(7, page_size=1)
        assert raw.status_code == 200 and raw.request_id == "l" and raw.parse().data[0].side == "BUY"
        raw = client.v1.positions.with_raw_response.list_positions(7, extra_headers=retrying)
        assert raw.retries_taken == 1 and raw.parse().data[0].quantity == "10"
        try:
            o.get_order("missing-1", account_id=7)
            raise AssertionError("no NotFoundError")
        except clear_street.NotFoundError as error:
            assert error.request_id == "m" and error.message == "no such thing"
        for call, error in [
            (lambda: o.list_orders(7, page_size=0), ValueError), (lambda: o.list_orders(7, page_size=501), ValueError),
            (lambda: o.list_orders(7, page_size=True), TypeError),
            (lambda: o.list_orders(7, statuses=["NOPE"]), ValueError),
            (lambda: o.list_orders(7, statuses="NEW"), TypeError), (lambda: o.list_orders(7, statuses=[]), ValueError),
            (lambda: o.list_orders(7, page_token=""), ValueError),
            (lambda: o.list_orders(7, include_closed="yes"), TypeError),
            (lambda: o.place_order(7, symbol="", quantity="1", side="BUY"), ValueError),
            (lambda: o.place_order(7, symbol="A", quantity="ten", side="BUY"), ValueError),
            (lambda: o.place_order(7, symbol="A", quantity="1", side="buy"), ValueError),
            (lambda: o.get_order("..", account_id=7), ValueError),
            (lambda: client.v1.positions.list_positions(-1), ValueError),
            (lambda: client.v1.positions.list_positions(7, priority=5), ValueError),
            (lambda: client.v1.positions.list_positions(7, priority=True), ValueError),
        ]:
            before = len(seen)
            try:
                call()
                raise AssertionError("not refused")
            except error:
                assert len(seen) == before, "refused before anything was sent"

    def check_things(things, thing_id):
        got = things.get_thing(thing_id, account_id=7, as_of=datetime.date(2025, 10, 31), related=[thing_id])
        assert got.data.created_on == datetime.date(2025, 10, 31) and got.data.parts[0].points == [1]
        assert got.metadata.next_page_token is None
        things.update_thing(thing_id, account_id=7, note=None, limits={"low": "1"}, weight="2")
        assert things.submit_things(7, body=[{"name": "n", "kind": "LARGE"}]).data[0].score == 2
        things.close_things(7)
        things.replace_things(7, label="x")
        raw = things.with_raw_response.delete_thing(thing_id, account_id=7)
        assert raw.status_code == 200 and type(raw.parse()).__name__ == "NoBody"
        for call in [lambda: things.update_thing(thing_id, account_id=7, limits={"low": "x"}),
                     lambda: things.submit_things(7, body="n")]:
            before = len(seen)
            try:
                call()
                raise AssertionError("not refused")
            except (TypeError, ValueError):
                assert len(seen) == before, "refused before anything was sent"

    async def check_async():
        async with clear_street.AsyncClearStreet(api_key="k", base_url=url) as client:
            o = client.v1.orders
            assert (await o.get_order("ord-2", account_id=7)).data.id == ORDER["id"]
            assert len((await o.list_orders(7, statuses=["FILLED"])).data) == 2
            assert (await o.place_order(7, symbol="MSFT", quantity="5", side="SELL")).data.symbol == "TSLA"
            things = client.v1.things
            got = await things.get_thing(THING["id"], account_id=8, as_of="2025-10-31")
            assert got.data.name == "w"
            assert (await things.with_raw_response.update_thing(THING["id"], account_id=8, note="n")).status_code == 200
            assert type(await things.delete_thing(THING["id"], account_id=8)).__name__ == "NoBody"
            raw = await client.v1.positions.with_raw_response.list_positions(8, extra_headers=retrying)
            assert raw.retries_taken == 1 and (await raw.parse()).data[0].symbol == "AAPL"
            try:
                await o.get_order("missing-2", account_id=7)
                raise AssertionError("no NotFoundError")
            except clear_street.NotFoundError:
                pass

    with clear_street.ClearStreet(api_key="k", base_url=url) as client:
        check_sync(client)
        check_things(client.v1.things, THING["id"])
    asyncio.run(check_async())
    for method, path, body in seen:
        print(method, path, json.dumps(body, sort_keys=True) if body else "")
""")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The grown spec generated, built with overrides/ into a wheel, and unpacked where Python will import it."""
    scratch = tmp_path_factory.mktemp("grown")
    spec = scratch / "openapi.yaml"
    spec.write_text(yaml.safe_dump(grown_spec(), sort_keys=False))
    project = scratch / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run(["cp", "-r", str(ROOT / "overrides"), str(project / "overrides")], check=True, timeout=600)
    subprocess.run([sys.executable, "scripts/generate.py", "--spec", str(spec), "--output", str(project / "generated")],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)  # fmt: skip
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(scratch / "dist"), str(project)], check=True, capture_output=True, timeout=600)  # fmt: skip
    (wheel,) = (scratch / "dist").glob("clear_street-*.whl")
    site = scratch / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_overrides_are_unchanged_in_the_grown_package(installed: Path) -> None:
    for source in (ROOT / "overrides").glob("*.py"):
        built = installed / "clear_street" / source.name
        assert hashlib.sha256(built.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest(), source
    assert not (installed / "clear_street" / "_resources.py").exists()


def test_every_new_operation_works_sync_async_and_raw(installed: Path) -> None:
    order = example("cancel_open_order", "200")["data"]
    code = f"import json\nORDER_JSON = {json.dumps(order)!r}\n" + DRIVE
    env = {"PYTHONPATH": str(installed), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    sent = result.stdout.splitlines()
    assert "GET /v1/accounts/7/orders/ord-1 " in sent
    assert ("GET /v1/accounts/7/orders?statuses=NEW,PARTIALLY_FILLED&page_size=50&include_closed=true"
            "&page_token=t%201&venue=XNAS&venue=a%2Cb ") in sent  # exploded: repeated, commas escaped  # fmt: skip
    assert 'POST /v1/accounts/7/orders {"note": "x", "quantity": "10", "side": "BUY", "symbol": "AAPL", ' \
           '"tags": ["desk-a"]}' in sent  # fmt: skip
    assert "GET /v1/accounts/7/positions?priority=2 " in sent
    assert "GET /v1/accounts/7/positions?priority=3 " in sent
    assert sent.count("GET /v1/accounts/8/positions ") == 2  # a 503, then the retry
    assert 'POST /v1/accounts/7/orders {"quantity": "5", "side": "SELL", "symbol": "MSFT"}' in sent


def test_the_grown_package_is_typed_for_its_callers(installed: Path, tmp_path: Path) -> None:
    """mypy --strict on caller code: a new method's Literal filter refuses a value the spec does not list."""
    caller = tmp_path / "caller.py"
    caller.write_text(
        textwrap.dedent("""
        import clear_street
        client = clear_street.ClearStreet(api_key="k")
        client.v1.orders.list_orders(1, statuses=["NEW"], page_size=5)
        client.v1.orders.list_orders(1, statuses=["new"])
        client.v1.positions.list_positions(1)
    """)
    )
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(caller)], capture_output=True, text=True,
                            env={"MYPYPATH": str(installed), "PATH": ""}, cwd=tmp_path, timeout=600)  # fmt: skip
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert "caller.py:5:" in errors[0], result.stdout


def test_every_operation_of_the_grown_spec_against_prism(tmp_path: Path) -> None:
    """Prism serves the grown spec and checks each request against it; every method, sync, async and raw, returns a
    parsed result (scripts/try_spec.py makes the arguments from the schemas)."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(grown_spec(), sort_keys=False))
    result = subprocess.run([sys.executable, "scripts/try_spec.py", "--spec", str(spec)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    operations = sum(1 for item in grown_spec()["paths"].values() for key in item if key != "parameters")
    calls = 4 * operations  # sync, raw, async and async raw
    assert f"{operations} operations, {calls} of {calls} calls" in result.stdout


# Runs in the installed grown package: one call of one operation, then what it imported, as JSON.
ONE_CALL = textwrap.dedent("""
    import json, sys
    import httpx
    import clear_street

    body = {"data": [{"symbol": "AAPL", "quantity": "1", "priority": 2}], "metadata": {"request_id": "r"}}
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)))
    client = clear_street.ClearStreet(api_key="k", base_url="http://api.test", http_client=http)
    made = sorted(name for name in sys.modules if name.startswith("clear_street._generated."))
    position = client.v1.positions.list_positions(8).data[0]
    called = sorted(name for name in sys.modules if name.startswith("clear_street._generated."))
    print(json.dumps({"made": made, "called": called, "priority": position.priority}))
""")


def test_a_call_of_the_grown_package_imports_its_own_resource_and_models_only(installed: Path) -> None:
    """Cost follows use across tags: list_positions imports the positions resource, its request builder and the
    models it returns; not the orders or things resources, their request builders or their models."""
    env = {"PYTHONPATH": str(installed), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", ONE_CALL], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["priority"] == 2
    generated = "clear_street._generated."
    assert not [name for name in loaded["made"] if name.startswith((f"{generated}api.", f"{generated}models."))]
    models = {name.removeprefix(f"{generated}models.") for name in loaded["called"] if ".models." in name}
    assert models == {"position_list_response", "position", "priority", "response_metadata"}
    resources = {name.removeprefix(f"{generated}api.") for name in loaded["called"] if ".api." in name}
    assert resources == {"positions", "positions.list_positions"}


def test_the_grown_package_exports_every_model_lazily(installed: Path) -> None:
    """A model the spec grew is a name of the package at once (``__all__``, ``dir()``, ``from clear_street import``,
    the models package), imported when first read."""
    code = textwrap.dedent("""
        import sys, clear_street
        from clear_street._generated import models
        assert "Position" in clear_street.__all__ and "Position" in dir(clear_street) and "Thing" in dir(models)
        assert "clear_street._generated.models.position" not in sys.modules
        from clear_street import Position
        assert Position is clear_street.Position is models.Position
        assert Position.__module__ == "clear_street._generated.models.position"
        assert "clear_street._generated.models.thing" not in sys.modules
    """)
    env = {"PYTHONPATH": str(installed), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
