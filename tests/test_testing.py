"""clear_street.testing: the fake Clear Street plays the spec's operations and faults for the real clients, the
kill switch's drill runs against it, and its pytest fixture works in a fresh project with only the wheel installed."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import anyio
import clear_street
import httpx
import pytest
import yaml
from clear_street._generated import spec_facts
from clear_street.testing import FakeClearStreet
from conftest import ROOT, example

ACCOUNT = 19816


@pytest.fixture
def fake() -> FakeClearStreet:
    return FakeClearStreet()


def sync_client(fake: FakeClearStreet, **options) -> clear_street.ClearStreet:
    return clear_street.ClearStreet(api_key="test", http_client=httpx.Client(transport=fake), **options)


def async_client(fake: FakeClearStreet, **options) -> clear_street.AsyncClearStreet:
    return clear_street.AsyncClearStreet(api_key="test", http_client=httpx.AsyncClient(transport=fake), **options)


def raw(fake: FakeClearStreet, url: str, **headers: str) -> httpx.Response:
    """A request the client would refuse to send (a bad filter, no key): straight through httpx."""
    with httpx.Client(transport=fake, base_url="https://api.clearstreet.com") as http:
        return http.delete(url, headers=headers)


# --- orders --------------------------------------------------------------------------------------------------------


def test_added_orders_are_open_valid_orders_of_the_spec_with_the_fields_given(fake: FakeClearStreet) -> None:
    ids = fake.add_orders(ACCOUNT, 2, side=clear_street.Side.SELL, symbol="TSLA", quantity="10")
    assert len(set(ids)) == 2
    orders = fake.open_orders(ACCOUNT)
    assert [order.id for order in orders] == ids
    required = {name for name, facts in spec_facts.MODELS["Order"].items() if facts["required"]}
    for order in orders:
        assert isinstance(order, clear_street.Order)
        assert required <= order.to_dict().keys()
        assert (order.side, order.symbol, order.quantity, order.leaves_quantity) == ("SELL", "TSLA", "10", "10")
        assert order.account_id == ACCOUNT
        assert order.status == "NEW"
    assert fake.open_orders(20001) == []


def test_add_orders_takes_an_aware_datetime_for_a_timestamp(fake: FakeClearStreet) -> None:
    moment = datetime.datetime(2025, 10, 31, 9, 30, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=-4)))
    fake.add_orders(ACCOUNT, created_at=moment)
    (order,) = fake.open_orders(ACCOUNT)
    assert order.created_at == moment
    assert order.to_dict()["created_at"] == "2025-10-31T13:30:00.123456000Z"


def test_add_orders_refuses_unknown_fields_and_values_the_spec_does_not_allow(fake: FakeClearStreet) -> None:
    with pytest.raises(TypeError, match="colour, sidee"):
        fake.add_orders(ACCOUNT, sidee="BUY", colour="red")
    with pytest.raises(ValueError, match="side must be one of BUY"):
        fake.add_orders(ACCOUNT, side="buy")
    with pytest.raises(ValueError, match="quantity"):
        fake.add_orders(ACCOUNT, quantity=10)
    with pytest.raises(ValueError, match="account"):
        fake.add_orders(-1)
    assert fake.open_orders(ACCOUNT) == []


# --- the operations ------------------------------------------------------------------------------------------------


def test_cancel_open_order_answers_the_order_pending_cancel_and_removes_it(fake: FakeClearStreet) -> None:
    first, second = fake.add_orders(ACCOUNT, 2)
    client = sync_client(fake)
    response = client.v1.orders.cancel_open_order(first, account_id=ACCOUNT)
    assert (response.data.id, response.data.status) == (first, "PENDING_CANCEL")
    by_client_id = fake.open_orders(ACCOUNT)[0].client_order_id
    assert client.v1.orders.cancel_open_order(by_client_id, account_id=ACCOUNT).data.id == second
    assert fake.open_orders(ACCOUNT) == []
    assert [order.id for order in fake.cancelled_orders(ACCOUNT)] == [first, second]


def test_cancel_open_order_of_an_unknown_order_is_the_apis_404_envelope(fake: FakeClearStreet) -> None:
    client = sync_client(fake)
    with pytest.raises(clear_street.NotFoundError) as raised:
        client.v1.orders.cancel_open_order("no-such-order", account_id=ACCOUNT)
    error = raised.value
    documented = example("cancel_open_order", "404")["error"]["message"]
    shape = re.sub(r"[0-9a-f-]{36}", "ORDER", re.sub(r"\d+$", "ACCOUNT", documented))
    assert error.message == shape.replace("ORDER", "no-such-order").replace("ACCOUNT", str(ACCOUNT))
    assert error.code == 404
    assert error.request_id == error.response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["a", "b", "c", "d"]),
        ({"side": "SELL"}, ["b", "c"]),
        ({"type": "MARKET"}, ["c"]),
        ({"instrument_type": "OPTION"}, ["d"]),
        ({"instrument_ids": ["TSLA"]}, ["b", "c"]),  # a symbol
        ({"side": "SELL", "type": "LIMIT"}, ["b"]),
    ],
)
def test_cancel_all_applies_the_filters(fake: FakeClearStreet, filters: dict, expected: list[str]) -> None:
    orders = {
        "a": {},
        "b": {"side": "SELL", "symbol": "TSLA"},
        "c": {"side": "SELL", "symbol": "TSLA", "order_type": "MARKET"},
        "d": {"instrument_type": "OPTION", "symbol": "AAPL  251017C00150000"},
    }
    names = {fake.add_orders(ACCOUNT, **fields)[0]: name for name, fields in orders.items()}
    cancelled = sync_client(fake).v1.orders.cancel_all_open_orders(ACCOUNT, **filters)
    assert [names[order.id] for order in cancelled.data] == expected
    assert all(order.status == "PENDING_CANCEL" for order in cancelled.data)
    assert sorted(names[order.id] for order in fake.open_orders(ACCOUNT)) == sorted(orders.keys() - set(expected))


def test_instrument_ids_match_the_orders_instrument_id(fake: FakeClearStreet) -> None:
    (wanted,) = fake.add_orders(ACCOUNT, instrument_id=str(uuid.uuid4()))
    fake.add_orders(ACCOUNT)
    instrument = fake.open_orders(ACCOUNT)[0].instrument_id
    cancelled = sync_client(fake).v1.orders.cancel_all_open_orders(ACCOUNT, instrument_ids=[instrument, "MSFT"])
    assert [order.id for order in cancelled.data] == [wanted]


def test_cancel_all_with_nothing_to_cancel_is_the_documented_404(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT, side="BUY")
    with pytest.raises(clear_street.NotFoundError) as raised:
        sync_client(fake).v1.orders.cancel_all_open_orders(ACCOUNT, side="SELL")
    assert raised.value.body["error"] == example("cancel_all_open_orders", "404")["error"]
    assert clear_street.is_nothing_to_cancel(raised.value)
    assert len(fake.open_orders(ACCOUNT)) == 1


def test_a_filter_value_outside_the_spec_enum_is_the_apis_400(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT)
    response = raw(fake, f"/v1/accounts/{ACCOUNT}/orders?side=buy", authorization="Bearer k")
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["code"] == 400
    assert "'buy' is not one of BUY, SELL, SELL_SHORT, OTHER" in body["error"]["message"]
    assert body["metadata"]["request_id"] == response.headers["x-request-id"]
    assert len(fake.open_orders(ACCOUNT)) == 1


def test_a_request_without_the_key_answers_401(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT)
    response = raw(fake, f"/v1/accounts/{ACCOUNT}/orders")
    assert response.status_code == 401
    assert response.json()["error"] == {"code": 401, "message": "The API key is missing or invalid."}
    assert len(fake.open_orders(ACCOUNT)) == 1


def test_an_operation_of_the_spec_the_fake_does_not_play_answers_501_naming_it(
    fake: FakeClearStreet, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = {"method": "GET", "path": "/v1/accounts/{account_id}/positions", "data": "list", "model": "Position",
             "query": {}, "path_parameters": {"account_id": "integer"}, "not_found": None, "errors": {}}  # fmt: skip
    monkeypatch.setitem(spec_facts.OPERATIONS, "list_positions", grown)
    with httpx.Client(transport=fake) as http:
        response = http.get(f"https://api.clearstreet.com/v1/accounts/{ACCOUNT}/positions",
                            headers={"authorization": "Bearer k"})  # fmt: skip
    assert response.status_code == 501
    assert "list_positions" in response.json()["error"]["message"]


def test_every_answer_has_a_fresh_request_id_and_every_request_is_recorded(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT, 2)
    client = sync_client(fake)
    ids = [client.v1.orders.with_raw_response.cancel_all_open_orders(ACCOUNT, side="BUY").request_id]
    for _ in range(2):
        with pytest.raises(clear_street.NotFoundError) as raised:
            client.v1.orders.cancel_all_open_orders(ACCOUNT)
        ids.append(raised.value.request_id)
    assert len(set(ids)) == 3
    assert all(ids)
    assert [request.url.query for request in fake.requests] == [b"side=BUY", b"", b""]
    assert all(isinstance(request, httpx.Request) for request in fake.requests)


GROWN = """
import httpx
from clear_street import ClearStreet
from clear_street.testing import FakeClearStreet

fake = FakeClearStreet()
(order_id,) = fake.add_orders(1, side="BUY_TO_COVER")
assert fake.open_orders(1)[0].to_dict()["desk"] == "0"  # a new required field: made from its schema
client = ClearStreet(api_key="k", http_client=httpx.Client(transport=fake))
assert [order.id for order in client.v1.orders.cancel_all_open_orders(1, side="BUY_TO_COVER").data] == [order_id]
with httpx.Client(transport=fake, headers={"authorization": "Bearer k"}) as http:
    listed = http.get("https://api.test/v1/accounts/1/orders")
print(listed.status_code, listed.json()["error"]["message"])
"""


def test_the_fake_follows_the_spec_as_it_grows(tmp_path: Path) -> None:
    """A spec with a new enum value, a new required field of Order and a new operation, generated and vendored with
    the unchanged overrides/: the fake takes the value, makes the field, and answers 501 naming the operation."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from vendor import vendor

    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
    spec["components"]["schemas"]["Side"]["enum"].append("BUY_TO_COVER")
    order = spec["components"]["schemas"]["Order"]
    order["required"].append("desk")
    order["properties"]["desk"] = {"type": "string"}
    collection = spec["paths"]["/v1/accounts/{account_id}/orders"]
    collection["get"] = {**collection["delete"], "operationId": "list_orders", "summary": "List Orders"}
    (tmp_path / "grown.yaml").write_text(yaml.safe_dump(spec))
    generate = [sys.executable, str(ROOT / "scripts" / "generate.py"), "--spec", str(tmp_path / "grown.yaml"),
                "--output", str(tmp_path / "generated")]  # fmt: skip
    subprocess.run(generate, check=True, capture_output=True, timeout=300)
    vendor(tmp_path / "site" / "clear_street", tmp_path / "generated")
    run = subprocess.run([sys.executable, "-c", GROWN], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(tmp_path / "site")})  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split(maxsplit=1)[0] == "501"
    assert "list_orders" in run.stdout


# --- faults --------------------------------------------------------------------------------------------------------


def test_a_429_then_success_is_retried_once(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT, 2)
    fake.fail(ACCOUNT, status=429, retry_after=0.01, times=1)
    response = sync_client(fake).v1.orders.with_raw_response.cancel_all_open_orders(ACCOUNT)
    assert response.retries_taken == 1
    assert len(response.parse().data) == 2
    assert len(fake.requests) == 2


def test_a_status_fault_answers_the_error_envelope_with_retry_after(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT)
    fake.fail(ACCOUNT, status=503, retry_after=0.01)
    with pytest.raises(clear_street.InternalServerError) as raised:
        sync_client(fake, max_retries=1).v1.orders.cancel_all_open_orders(ACCOUNT)
    error = raised.value
    assert error.status_code == 503
    assert error.code == 503
    assert error.retries_taken == 1
    assert error.response.headers["retry-after"] == "0.01"
    assert len(fake.open_orders(ACCOUNT)) == 1


def test_faults_queue_and_end_after_their_times(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT, 3)
    fake.fail(ACCOUNT, status=409, times=2)
    fake.fail(ACCOUNT, status=403, times=1)
    client = sync_client(fake, max_retries=0)
    for expected in (clear_street.ConflictError, clear_street.ConflictError, clear_street.PermissionDeniedError):
        with pytest.raises(expected):
            client.v1.orders.cancel_all_open_orders(ACCOUNT)
    assert len(client.v1.orders.cancel_all_open_orders(ACCOUNT).data) == 3
    fake.fail(20001, status=500, times=1)  # another account's fault is its own
    assert fake.open_orders(ACCOUNT) == []


def test_a_drop_before_send_applies_nothing(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT, 2)
    fake.fail(ACCOUNT, drop="before_send")
    with pytest.raises(clear_street.APIConnectionError) as raised:
        sync_client(fake, max_retries=0).v1.orders.cancel_all_open_orders(ACCOUNT)
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert raised.value.earlier_attempt is None
    assert len(fake.open_orders(ACCOUNT)) == 2


def test_a_drop_after_send_applies_the_cancel_and_the_client_says_it_may_have_taken_effect(
    fake: FakeClearStreet, sleeps: list[float]
) -> None:
    fake.add_orders(ACCOUNT, 2)
    fake.fail(ACCOUNT, drop="after_send", times=1)
    with pytest.raises(clear_street.NotFoundError) as raised:  # the retry finds nothing left: the first one did it
        sync_client(fake).v1.orders.cancel_all_open_orders(ACCOUNT)
    assert isinstance(raised.value.earlier_attempt.__cause__, httpx.RemoteProtocolError)
    assert "may" in str(raised.value)
    assert len(sleeps) == 1
    assert fake.open_orders(ACCOUNT) == []
    assert len(fake.cancelled_orders(ACCOUNT)) == 2


def test_a_sync_hang_honours_the_read_timeout_and_applies_nothing(fake: FakeClearStreet) -> None:
    fake.add_orders(ACCOUNT)
    fake.fail(ACCOUNT, hang=True, times=1)
    with pytest.raises(clear_street.APITimeoutError) as raised:
        sync_client(fake, max_retries=0, timeout=0.05).v1.orders.cancel_all_open_orders(ACCOUNT)
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)
    assert len(fake.open_orders(ACCOUNT)) == 1


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_an_async_hang_ends_when_its_caller_is_cancelled(backend: str) -> None:
    fake = FakeClearStreet()
    fake.add_orders(ACCOUNT)
    fake.fail(ACCOUNT, hang=True, times=1)

    async def call() -> bool:
        async with async_client(fake, timeout=None) as client:  # no read timeout: only the cancellation ends it
            with anyio.move_on_after(0.05) as scope:
                await client.v1.orders.cancel_all_open_orders(ACCOUNT)
            return scope.cancelled_caught

    assert anyio.run(call, backend=backend)
    assert len(fake.open_orders(ACCOUNT)) == 1
    assert len(fake.requests) == 1


def test_fail_refuses_what_it_cannot_do(fake: FakeClearStreet) -> None:
    for wrong in ({}, {"status": 503, "hang": True}, {"status": 200}, {"drop": "sideways"}, {"hang": True, "times": 0},
                  {"drop": "after_send", "retry_after": 1}):  # fmt: skip
        with pytest.raises(ValueError, match="fail"):
            fake.fail(ACCOUNT, **wrong)


# --- one fake, many callers ----------------------------------------------------------------------------------------


def test_one_fake_serves_threads_and_an_async_client_at_once(fake: FakeClearStreet) -> None:
    ids = fake.add_orders(ACCOUNT, 40)
    client = sync_client(fake)
    results: list[str] = []

    def cancel(some: list[str]) -> None:
        for order_id in some:
            results.append(client.v1.orders.cancel_open_order(order_id, account_id=ACCOUNT).data.id)

    async def cancel_async(some: list[str]) -> None:
        async with async_client(fake) as aclient:
            for order_id in some:
                results.append((await aclient.v1.orders.cancel_open_order(order_id, account_id=ACCOUNT)).data.id)

    threads = [threading.Thread(target=cancel, args=(ids[i::5],)) for i in range(4)]
    threads.append(threading.Thread(target=anyio.run, args=(cancel_async, ids[4::5])))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(ids)
    assert fake.open_orders(ACCOUNT) == []
    assert len(fake.requests) == 40


# --- the kill switch -----------------------------------------------------------------------------------------------


async def test_the_kill_switch_goals_through_the_fake(fake: FakeClearStreet) -> None:
    """With deadline=3: orders done, none nothing_to_cancel, 503 throughout failed with its orders open, a drop
    after send unknown with its orders cancelled, a hang unknown; the run returns at the deadline."""
    fake.add_orders(1, 3)
    fake.add_orders(3, 2)
    fake.fail(3, status=503, retry_after=0.05)
    fake.add_orders(4, 2)
    fake.fail(4, drop="after_send")
    fake.add_orders(5, 1)
    fake.fail(5, hang=True)
    async with async_client(fake) as client:
        report = await clear_street.cancel_all_accounts([1, 2, 3, 4, 5], deadline=3, client=client)
    outcome = {entry.account: entry for entry in report.outcomes}
    assert [str(entry.outcome) for entry in report.outcomes] == ["done", "nothing_to_cancel", "failed", "unknown",
                                                                 "unknown"]  # fmt: skip
    assert outcome[1].confirmed
    assert len(outcome[1].order_ids) == 3
    assert outcome[2].confirmed
    assert outcome[3].status == 503
    assert len(fake.open_orders(3)) == 2
    assert fake.open_orders(4) == []
    assert len(fake.cancelled_orders(4)) == 2
    assert outcome[4].earlier_attempt is not None  # the dropped answer: the cancel may have taken effect
    assert "deadline passed" in outcome[5].message
    assert len(fake.open_orders(5)) == 1
    assert [request.url.path for request in fake.requests].count("/v1/accounts/5/orders") == 1


async def test_the_kill_switch_retries_a_429_and_a_drop_before_send_leaves_the_orders(fake: FakeClearStreet) -> None:
    fake.add_orders(1, 2)
    fake.fail(1, status=429, retry_after=0.01, times=1)
    fake.add_orders(2, 2)
    fake.fail(2, drop="before_send")
    async with async_client(fake, max_retries=1) as client:
        report = await clear_street.cancel_all_accounts([1, 2], deadline=3, client=client)
    done, refused = report.outcomes
    assert done.outcome == "done"
    assert done.response.retries_taken == 1
    assert done.confirmed
    assert (refused.outcome, refused.sent) == ("failed", False)
    assert len(fake.open_orders(2)) == 2


def test_the_drill_in_the_kill_switch_docs_runs() -> None:
    """The block of docs/kill-switch.md's Drill section, as written, in a fresh interpreter."""
    text = (ROOT / "docs" / "kill-switch.md").read_text()
    block = re.search(r"## Drill\n.*?```python\n(.*?)```", text, re.S)
    assert block, "docs/kill-switch.md has no Drill"
    run = subprocess.run([sys.executable, "-c", block.group(1)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert [line.split()[:2] for line in run.stdout.splitlines()] == [
        ["19816", "done"], ["20001", "nothing_to_cancel"], ["20002", "failed"], ["20003", "unknown"],
        ["20004", "unknown"],
    ]  # fmt: skip


# --- packaging -----------------------------------------------------------------------------------------------------


def test_importing_the_package_leaves_the_fake_and_the_fake_leaves_pytest() -> None:
    script = (
        "import sys, json, clear_street\n"
        "first = 'clear_street.testing' in sys.modules\n"
        "import clear_street.testing\n"
        "print(json.dumps([first, 'pytest' in sys.modules, clear_street.testing.__all__]))"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(found.stdout) == [False, False, ["FakeClearStreet"]]


def test_the_installed_plugin_gives_each_test_a_fresh_fake(clear_street_fake: FakeClearStreet) -> None:
    assert isinstance(clear_street_fake, FakeClearStreet)
    assert clear_street_fake.requests == []
    assert clear_street_fake.open_orders(ACCOUNT) == []


def test_the_fixture_works_in_a_fresh_project_with_only_the_wheel_installed(tmp_path: Path) -> None:
    """The wheel, installed into a fresh venv with pytest (its other dependencies from the index), gives a fresh
    project's test file, with no conftest, the clear_street_fake fixture: docs/testing.md's test, as written."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    (wheel,) = dist.glob("clear_street-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel), "pytest"], check=True, timeout=600)
    project = tmp_path / "project"
    project.mkdir()
    text = (ROOT / "docs" / "testing.md").read_text()
    block = re.search(r"## The pytest fixture\n.*?```python\n(.*?)```", text, re.S)
    assert block
    assert "def test_flatten(clear_street_fake)" in block.group(1)
    (project / "test_flatten.py").write_text(block.group(1))
    run = subprocess.run([str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                         cwd=project, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
