"""What the API said is never lost (issue 25): each item of its "Why", through the command and the library, against
the scripted server on loopback (tests/faultserver.py)."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import clear_street
import pytest
from clear_street._killswitch import CUT, MAX_DEPTH, json_safe
from faultserver import ORDER, orders, serving
from test_cli import KEY, SCRIPT
from test_killswitch_faults import HANG, audit_lines, cancel_all, cli, env_for, outcomes, report_of


def refusal(status: int, message: str, request_id: str) -> dict[str, Any]:
    """A refusal to retry in 30 s: longer than any deadline here."""
    body = {"error": {"code": status, "message": message}, "metadata": {"request_id": request_id}}
    return {"status": status, "headers": {"Retry-After": "30"}, "body": body}


REFUSED, BUSY = refusal(429, "Too many requests", "rl-1"), refusal(503, "Busy, try later", "busy-1")
GATEWAY = {"status": 502, "body": "<html>bad gateway</html>", "headers": {"Retry-After": "0"}}
BESIDE = {"code": 202, "message": "Cancel accepted; the venue has not yet confirmed it"}


def one_order(order_id: str, *, status: str = "PENDING_CANCEL", error: Any = None, **fields: Any) -> dict[str, Any]:
    return {"data": {**ORDER, "id": order_id, "status": status, **fields}, "error": error,
            "metadata": {"request_id": f"r-{order_id}"}}  # fmt: skip


def account_entry(result: subprocess.CompletedProcess, account: int) -> dict[str, Any]:
    return next(entry for entry in report_of(result)["accounts"] if entry["account"] == account)


# --- 1. the last answer is the truth ------------------------------------------------------------------------------


def test_a_refusal_whose_retry_the_deadline_cuts_is_failed_with_what_the_api_said(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    with serving({7101: [REFUSED], 7102: [BUSY], 7103: [GATEWAY, REFUSED]}) as server:
        result = cancel_all(server.url, [7101, 7102, 7103, 7104], "--deadline", "2", "--audit-log", str(audit),
                            "--output", "json")  # fmt: skip
    assert result.returncode == 1, result.stderr
    refused, busy, doubt = (account_entry(result, account) for account in (7101, 7102, 7103))
    assert (refused["outcome"], refused["status"], refused["request_id"], refused["sent"]) == ("failed", 429, "rl-1",
                                                                                               True)  # fmt: skip
    assert refused["message"] == "Too many requests; retry 1 of 2 was due in 30 s, after the deadline"
    assert refused["earlier_attempt"] is None
    assert (busy["outcome"], busy["status"], busy["request_id"]) == ("failed", 503, "busy-1")
    # the 502 may have cancelled before the 429 refused: doubt, as before, with the last answer's facts
    assert (doubt["outcome"], doubt["status"], doubt["request_id"]) == ("unknown", 429, "rl-1")
    assert doubt["earlier_attempt"]["status"] == 502
    assert "retry 2 of 2 was due in 30 s, after the deadline" in doubt["message"]
    assert account_entry(result, 7104)["outcome"] == "done"
    assert "account 7101: failed: Too many requests; retry 1 of 2 was due in 30 s, after the deadline (status 429, " \
           "request_id rl-1)" in result.stderr  # fmt: skip
    logged = {line["account"]: line for line in audit_lines(audit)}
    assert (logged[7101]["outcome"], logged[7101]["status"], logged[7101]["request_id"]) == ("failed", 429, "rl-1")


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_the_library_reports_the_refusal_too(backend: str) -> None:
    with serving({7111: [REFUSED]}) as server:

        async def run() -> clear_street.KillSwitchReport:
            return await clear_street.cancel_all_accounts([7111], deadline=1.5, base_url=server.url, api_key=KEY)

        report = anyio.run(run, backend=backend)
    (outcome,) = report.outcomes
    assert (outcome.outcome, outcome.status, outcome.request_id) == (clear_street.Outcome.FAILED, 429, "rl-1")
    assert outcome.message == "Too many requests; retry 1 of 2 was due in 30 s, after the deadline"


def test_a_stop_during_the_wait_reports_the_refusal_and_one_in_flight_stays_unknown() -> None:
    with serving({7121: [REFUSED], 7122: HANG}) as server:

        async def run() -> clear_street.KillSwitchReport:
            stop = anyio.Event()
            async with anyio.create_task_group() as group:
                group.start_soon(_set_when_received, stop, server, 2)
                return await clear_street.cancel_all_accounts([7121, 7122], stop=stop, stop_grace=0.2,
                                                              base_url=server.url, api_key=KEY)  # fmt: skip

        report = anyio.run(run)
    refused, hanging = report.outcomes
    assert report.stopped
    assert (refused.outcome, refused.status, refused.request_id) == ("failed", 429, "rl-1")
    assert refused.message == "Too many requests; retry 1 of 2 was due in 30 s, when the run was stopped"
    assert (hanging.outcome, hanging.status) == ("unknown", None)


async def _set_when_received(event: anyio.Event, server: Any, count: int) -> None:
    while len(await anyio.to_thread.run_sync(server.paths)) < count:
        await anyio.sleep(0.05)
    await anyio.sleep(0.3)  # the 429 answered, the other request in flight
    event.set()


def test_the_librarys_own_deadline_carries_the_last_answer() -> None:
    with serving({7131: [REFUSED], 7132: [GATEWAY, REFUSED]}) as server:
        with clear_street.ClearStreet(api_key=KEY, base_url=server.url) as client:
            with pytest.raises(clear_street.APITimeoutError) as refused:
                client.v1.orders.cancel_open_order("o-1", account_id=7131, deadline=2)
            with pytest.raises(clear_street.APITimeoutError) as doubt:
                client.v1.orders.cancel_open_order("o-1", account_id=7132, deadline=2)
    error = refused.value
    assert (error.status_code, error.request_id, error.earlier_attempt) == (429, "rl-1", None)
    assert isinstance(error.__cause__, clear_street.RateLimitError)
    assert not isinstance(error, clear_street.APIStatusError)  # still the deadline's error, caught as before
    assert "retry 1 of 2 was due in 30 s" in error.message
    assert "RateLimitError: Too many requests" in error.message
    assert str(error).endswith("(request_id: rl-1)")
    assert (doubt.value.status_code, doubt.value.request_id) == (429, "rl-1")
    assert isinstance(doubt.value.earlier_attempt, clear_street.InternalServerError)
    assert doubt.value.__cause__ is doubt.value.earlier_attempt  # the doubt is the cause, as for any error
    assert "RateLimitError: Too many requests" in doubt.value.message  # the last answer is still told


def test_orders_cancel_prints_the_refusal_its_request_id_and_message() -> None:
    with serving({7141: [REFUSED], 7142: [GATEWAY, REFUSED], 7143: HANG}) as server:
        refused = cli(server.url, "orders", "cancel", "o-1", "--account-id", "7141", "--deadline", "2")
        doubt = cli(server.url, "orders", "cancel", "o-1", "--account-id", "7142", "--deadline", "2")
        silent = cli(server.url, "orders", "cancel", "o-1", "--account-id", "7143", "--deadline", "1")
    assert refused.returncode == 1
    assert ("the API refused the cancel: Too many requests (status 429, request_id rl-1); retry 1 of 2 was due in "
            "30 s, after the --deadline") in refused.stderr  # fmt: skip
    assert "may have taken effect" not in refused.stderr
    assert doubt.returncode == 1
    assert "the cancel may have taken effect: an earlier attempt (InternalServerError" in doubt.stderr
    assert "the last answer: Too many requests (status 429, request_id rl-1)" in doubt.stderr
    assert silent.returncode == 1
    assert "no answer within the --deadline: the cancel may have taken effect" in silent.stderr
    refused_connect = cli("http://127.0.0.1:9", "orders", "cancel", "o-1", "--account-id", "7144", "--deadline", "0.3")
    assert refused_connect.returncode == 1  # its first retry waits 0.375 to 0.5 s: the deadline ends the wait
    assert "the cancel was not made: APIConnectionError: Connection error" in refused_connect.stderr
    assert "retry 1 of 2 was due in" in refused_connect.stderr


# --- 2. orders cancel: SIGTERM, the error beside data, the real statuses -----------------------------------------


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_orders_cancel_is_reported(number: int, code: int) -> None:
    name = signal.Signals(number).name
    with serving({7201: HANG, 7202: [REFUSED]}) as server:
        told = {}
        for account in (7201, 7202):
            process = subprocess.Popen([SCRIPT, "orders", "cancel", "o-1", "--account-id", str(account)],
                                       env=env_for(server.url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True)  # fmt: skip
            waited = time.monotonic()
            while f"/v1/accounts/{account}/orders/o-1" not in server.paths():
                assert time.monotonic() - waited < 30, "the request never arrived"
                time.sleep(0.05)
            time.sleep(0.3)
            process.send_signal(number)
            out, err = process.communicate(timeout=30)
            told[account] = (process.returncode, out, err)
    for returncode, _, err in told.values():
        assert returncode == code, err
        assert "Traceback" not in err
    assert f"stopped by {name} before an answer: if the request had gone out, the cancel may have taken effect" in \
           told[7201][2]  # fmt: skip
    assert ("the API refused the cancel: Too many requests (status 429, request_id rl-1); retry 1 of 2 was due in "
            f"30 s, when {name} stopped it") in told[7202][2]  # fmt: skip


def test_orders_cancel_says_what_the_answer_says() -> None:
    script = {7211: [{"status": 200, "body": one_order("o-7", error=BESIDE)}],
              7212: [{"status": 200, "body": one_order("o-8", status="FILLED")}]}  # fmt: skip
    with serving(script) as server:
        table = cli(server.url, "orders", "cancel", "o-7", "--account-id", "7211", "--output", "table")
        as_json = cli(server.url, "orders", "cancel", "o-7", "--account-id", "7211", "--output", "json")
        filled = cli(server.url, "orders", "cancel", "o-8", "--account-id", "7212", "--output", "table")
    note = "the API said beside the data: 202 Cancel accepted; the venue has not yet confirmed it"
    assert table.returncode == 0, table.stderr
    assert note in table.stdout
    assert note in table.stderr
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["error"] == BESIDE
    assert note in as_json.stderr
    assert filled.returncode == 0, filled.stderr
    assert "1 order(s) FILLED, not pending cancel; request_id r-o-8" in filled.stdout
    assert "pending cancel;" not in filled.stdout.replace("not pending cancel", "")


def test_cancel_all_of_one_account_counts_its_orders_by_status() -> None:
    body = orders(7221, "a", "b")
    body["data"][1]["status"] = "FILLED"
    with serving({7221: [{"status": 200, "body": body}]}) as server:
        result = cancel_all(server.url, [7221], "--output", "table")
    assert result.returncode == 0, result.stderr
    assert "1 order(s) pending cancel, 1 order(s) FILLED, not pending cancel; request_id bulk" in result.stdout


# --- 3. no printing path recurses over server data ----------------------------------------------------------------


def nested(depth: int) -> Any:
    value: Any = {"leaf": True}
    for level in range(depth):
        value = {"k": value} if level % 2 else [value]
    return value


def test_a_600_deep_value_still_prints_the_report() -> None:
    deep = nested(600)
    script = {7301: [{"status": 200, "body": json.dumps(one_order("o-9", details=deep))}],
              7302: [{"status": 200, "body": json.dumps(orders(7302, error={"code": 202, "message": "m",
                                                                            "details": deep}))}]}  # fmt: skip
    with serving(script) as server:
        single = {out: cli(server.url, "orders", "cancel", "o-9", "--account-id", "7301", "--output", out)
                  for out in ("json", "table")}  # fmt: skip
        every = {out: cancel_all(server.url, [7302], "--output", out) for out in ("json", "table")}
    for result in (*single.values(), *every.values()):
        assert result.returncode == 0, result.stderr[-2000:]
        assert "Traceback" not in result.stderr
    details = report_of(single["json"])["data"]["details"]
    depth = 0
    while isinstance(details, (dict, list)):
        details = details["k"] if isinstance(details, dict) else details[0]
        depth += 1
    assert details == CUT
    assert depth + 2 == MAX_DEPTH  # counted from the document: its data, its details
    assert report_of(every["json"])["accounts"][0]["outcome"] == "done"
    assert json.dumps(CUT) in every["json"].stdout  # the api_error's details, cut where they pass the bound


def test_json_safe_keeps_what_is_shallow_and_cuts_what_is_deep() -> None:
    assert json_safe({1: (float("nan"), [float("-inf"), {"x": 1.5}])}) == {"1": ["nan", ["-inf", {"x": 1.5}]]}
    assert json.dumps(json_safe(nested(100_000)), allow_nan=False).count("<cut") == 1


# --- 5. logging: one handler, whatever the order -------------------------------------------------------------------


LOGGING = """
import logging, os, sys
import clear_street
client = clear_street.ClearStreet()  # at import, before the application configures logging
assert logging.getLogger().handlers == [], "the root logger was touched"
if sys.argv[1] == "basicConfig":
    logging.basicConfig(format="app %(name)s %(message)s")
client.v1.orders.cancel_all_open_orders(7401)
"""


@pytest.mark.parametrize("configured", ["basicConfig", "not"])
def test_each_log_line_is_printed_once(configured: str) -> None:
    with serving() as server:
        result = subprocess.run([sys.executable, "-c", LOGGING, configured], capture_output=True, text=True,
                                env=env_for(server.url, CLEAR_STREET_LOG="info"), timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("DELETE /v1/accounts/7401/orders -> 200") == 1, result.stderr
    assert result.stderr.startswith("app clear_street ") == (configured == "basicConfig"), result.stderr


# --- 6. accounts files -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_accounts_file_with_its_bom_is_read(encoding: str, tmp_path: Path) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    listed = tmp_path / "accounts.txt"
    listed.write_bytes(bom + "# the desk\r\n7501\r\n\r\n7502  # options\r\n".encode(encoding))
    with serving() as server:
        result = cli(server.url, "orders", "cancel-all", "--accounts-file", str(listed), "--yes", "--output", "json")
    assert result.returncode == 0, result.stderr
    assert outcomes(result) == {7501: "done", 7502: "done"}


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        (b"# only a comment\n\n   # and another\n", "{path} lists no account (only blank lines and comments)"),
        (b"7601\n\xff\xfe\xfa 7602\n", "--accounts-file {path}: not UTF-8 text (byte 5: invalid start byte)"),
        (b"7601\n7602x\n", "--accounts-file {path}:2: not an account id: '7602x'"),
        ("\ufeff7601\n\u0661\n".encode("utf-16-le"), "--accounts-file {path}:2: not an account id: '\u0661'"),
    ],
)
def test_an_accounts_file_error_names_the_file_and_the_line(content: bytes, complaint: str, tmp_path: Path) -> None:
    listed = tmp_path / "accounts.txt"
    listed.write_bytes(content)
    result = cli("http://127.0.0.1:9", "orders", "cancel-all", "--accounts-file", str(listed), "--yes")
    assert result.returncode == 2, result.stderr
    assert complaint.format(path=listed) in result.stderr
    missing = cli("http://127.0.0.1:9", "orders", "cancel-all", "--accounts-file", str(tmp_path / "none"), "--yes")
    assert missing.returncode == 2
    assert f"--accounts-file {tmp_path / 'none'}: No such file or directory" in missing.stderr


# --- 7. make is quiet -------------------------------------------------------------------------------------------


def test_make_turns_npms_update_notice_off(tmp_path: Path) -> None:
    """The npm make runs is told not to announce new versions (the notice is npm's, printed whenever its registry
    has a newer npm): seen through an ``npm`` first on PATH that records how it was called."""
    record = tmp_path / "npm-called"
    fake = tmp_path / "bin" / "npm"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$NPM_CONFIG_UPDATE_NOTIFIER $*" > {record}\n')
    fake.chmod(0o755)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["make", "-s", "-B", f"STAMPS={tmp_path / 'stamps'}", f"{tmp_path / 'stamps'}/npm"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert record.read_text().split()[:2] == ["false", "ci"]
    assert result.stdout == result.stderr == ""
