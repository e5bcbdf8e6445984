"""The kill switch tells the truth whatever happens around it: each item of issue 17's "Why", through the command
and the public API, against a scripted server on loopback (tests/faultserver.py) with real faults injected."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import clear_street
import httpx
import pytest
from faultserver import NO_MATCH, ORDER, orders, serving
from test_cli import KEY, SCRIPT

HANG = [{"hang": True}]


def env_for(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEAR_STREET_", "PYTHONIOENCODING"))}
    return {**env, "CLEAR_STREET_API_KEY": KEY, "CLEAR_STREET_BASE_URL": url, **extra}


def cli(url: str, *args: str, timeout: float = 60, shell_suffix: str = "", **extra: str) -> subprocess.CompletedProcess:
    """The installed command; ``shell_suffix`` adds redirections (``>&-``, ``> /dev/full``) through bash."""
    assert SCRIPT
    command = [SCRIPT, *args]
    if shell_suffix:
        command = ["bash", "-c", f'"$0" "$@" {shell_suffix}', *command]
    return subprocess.run(command, env=env_for(url, **extra), capture_output=True, text=True, timeout=timeout,
                          errors="surrogateescape")  # fmt: skip


def cancel_all(url: str, accounts: list[int], *args: str, **options: Any) -> subprocess.CompletedProcess:
    ids = [arg for account in accounts for arg in ("--account-id", str(account))]
    return cli(url, "orders", "cancel-all", *ids, "--yes", *args, **options)


def report_of(result: subprocess.CompletedProcess) -> dict[str, Any]:
    def refuse(constant: str) -> None:
        raise AssertionError(f"not strict JSON: {constant}")

    return json.loads(result.stdout, parse_constant=refuse)


def outcomes(result: subprocess.CompletedProcess) -> dict[int, str]:
    return {entry["account"]: entry["outcome"] for entry in report_of(result)["accounts"]}


def audit_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


# --- any 404 is not "nothing to cancel" ----------------------------------------------------------------------------


def test_only_the_documented_404_is_nothing_to_cancel() -> None:
    script = {7001: [{"status": 404, "body": {"error": {"code": 404, "message": "Account 7001 not found"},
                                              "metadata": {"request_id": "acct"}}}],
              7002: [{"status": 404, "body": NO_MATCH}],
              7003: [{"status": 404, "body": {"error": {"code": 404, "message": "no orders match"},
                                              "metadata": {"request_id": "x"}}}]}  # fmt: skip
    with serving(script) as server:
        result = cancel_all(server.url, [7001, 7002, 7003], "--output", "json")
        wrong_path = cancel_all(server.url + "/gateway", [7004], "--output", "json")
    assert outcomes(result) == {7001: "failed", 7002: "nothing_to_cancel", 7003: "failed"}
    assert result.returncode == 1
    assert "Account 7001 not found" in result.stderr
    assert outcomes(wrong_path) == {7004: "failed"}
    assert wrong_path.returncode == 1


def test_the_rule_is_public_and_typed() -> None:
    request = httpx.Request("DELETE", "http://x/v1/accounts/1/orders")

    def error(message: str, status: int = 404, code: int = 404) -> clear_street.APIStatusError:
        body = {"error": {"code": code, "message": message}, "metadata": {"request_id": "r"}}
        return clear_street._exceptions.status_error(httpx.Response(status, json=body, request=request))

    assert clear_street.is_nothing_to_cancel(error("No orders match the specified filters"))
    assert clear_street.is_nothing_to_cancel(error("no orders match  the specified filters."))  # wording, not meaning
    assert not clear_street.is_nothing_to_cancel(error("Account 1 not found"))
    assert not clear_street.is_nothing_to_cancel(error("No orders match the specified filters for another account"))
    assert not clear_street.is_nothing_to_cancel(error("No orders match the specified filters", code=400))
    assert not clear_street.is_nothing_to_cancel(error("No orders match the specified filters", status=410))


# --- never sent and sent-without-answer ----------------------------------------------------------------------------


def test_queued_accounts_are_not_sent_and_the_one_in_flight_is_unknown() -> None:
    with serving({8101: HANG}) as server:
        started = time.monotonic()
        result = cancel_all(server.url, [8101, 8102, 8103], "--concurrency", "1", "--deadline", "1.2",
                            "--output", "json")  # fmt: skip
        took = time.monotonic() - started
        received = server.paths()
    assert outcomes(result) == {8101: "unknown", 8102: "not_sent", 8103: "not_sent"}
    report = report_of(result)
    assert [entry["sent"] for entry in report["accounts"]] == [True, False, False]
    assert received == ["/v1/accounts/8101/orders"]  # the two others indeed never went out
    assert result.returncode == 1
    assert took < 1.2 + 2.5, took


def test_a_connection_that_never_opens_is_failed_and_not_sent() -> None:
    from conftest import prism_server

    result = cancel_all(f"http://127.0.0.1:{prism_server.free_port()}", [8201], "--output", "json")
    (entry,) = report_of(result)["accounts"]
    assert (entry["outcome"], entry["sent"]) == ("failed", False)
    assert result.returncode == 1


# --- doubt is a field ---------------------------------------------------------------------------------------------


def test_a_result_after_an_attempt_that_may_have_reached_the_server_carries_it(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    script = {8301: [{"drop": True}, {"status": 404, "body": NO_MATCH}],
              8302: [{"status": 502, "body": {"error": {"code": 502, "message": "bad gateway"},
                                              "metadata": {"request_id": "gw"}}},
                     {"status": 200, "body": orders(8302)}],
              8303: [{"status": 200, "body": orders(8303)}]}  # fmt: skip
    with serving(script) as server:
        result = cancel_all(server.url, [8301, 8302, 8303], "--output", "json", "--audit-log", str(audit))
    by_account = {entry["account"]: entry for entry in report_of(result)["accounts"]}
    assert by_account[8301]["outcome"] == "nothing_to_cancel"
    assert by_account[8301]["earlier_attempt"]["error"] == "APIConnectionError"
    assert by_account[8302]["outcome"] == "done"
    assert by_account[8302]["earlier_attempt"]["status"] == 502
    assert [by_account[a]["confirmed"] for a in (8301, 8302, 8303)] == [False, False, True]
    assert by_account[8303]["earlier_attempt"] is None
    assert result.returncode == 1  # a result in doubt is not a confirmed kill
    logged = {line["account"]: line for line in audit_lines(audit)}
    assert logged[8302]["earlier_attempt"]["status"] == 502
    assert "earlier attempt" in result.stderr


def test_a_refusal_after_an_attempt_that_may_have_reached_the_server_is_unknown() -> None:
    """The 502 may have cancelled before the 403 refused: the refusal does not say the orders are still open."""
    script = {8311: [{"status": 502, "body": {"error": {"code": 502, "message": "bad gateway"}},
                      "headers": {"Retry-After": "0"}},
                     {"status": 403, "body": {"error": {"code": 403, "message": "denied"},
                                              "metadata": {"request_id": "no-1"}}}]}  # fmt: skip
    with serving(script) as server:
        result = cancel_all(server.url, [8311], "--output", "json")
    (entry,) = report_of(result)["accounts"]
    assert (entry["outcome"], entry["status"], entry["request_id"]) == ("unknown", 403, "no-1")
    assert entry["earlier_attempt"]["status"] == 502
    assert result.returncode == 1


# --- the API's own words ------------------------------------------------------------------------------------------


def test_an_error_beside_data_and_a_next_page_are_shown_everywhere(tmp_path: Path) -> None:
    said = {"code": 202, "message": "Cancel accepted; the venue has not yet confirmed it"}
    script = {
        8401: [{"status": 200, "body": orders(8401, error=said)}],
        8402: [{"status": 200, "body": orders(8402, metadata={"request_id": "p1", "next_page_token": "pg-2"})}],
    }
    audit = tmp_path / "audit.jsonl"
    with serving(script) as server:
        as_json = cancel_all(server.url, [8401, 8402], "--output", "json", "--audit-log", str(audit))
        as_table = cancel_all(server.url, [8401, 8402], "--output", "table")
    by_account = {entry["account"]: entry for entry in report_of(as_json)["accounts"]}
    assert by_account[8401]["api_error"] == said
    assert by_account[8401]["outcome"] == "done"
    assert by_account[8402]["next_page_token"] == "pg-2"
    assert by_account[8402]["confirmed"] is False
    logged = {line["account"]: line for line in audit_lines(audit)}
    assert logged[8401]["api_error"] == said
    assert logged[8402]["next_page_token"] == "pg-2"
    assert "the venue has not yet confirmed it" in as_table.stdout
    assert "pg-2" in as_table.stdout
    assert "2+" in as_table.stdout  # the count is not taken for every order
    assert as_json.returncode == as_table.returncode == 1


# --- the audit log ------------------------------------------------------------------------------------------------


def test_an_audit_log_that_cannot_be_written_reports_it_and_every_cancel_goes_on() -> None:
    with serving({8501: [{"delay": 1.0, "status": 200, "body": orders(8501)}]}) as server:
        result = cancel_all(server.url, [8501, 8502, 8503], "--output", "json", "--audit-log", "/dev/full")
        received = server.paths()
    assert outcomes(result) == {8501: "done", 8502: "done", 8503: "done"}  # the slow one was not cut off
    assert len(received) == 3
    report = report_of(result)
    assert sorted(failure["account"] for failure in report["audit_failures"]) == [8501, 8502, 8503]
    assert "/dev/full" in result.stderr
    assert "lacks 3 line(s)" in result.stderr
    assert result.returncode == 0  # every cancel confirmed; the log's failure is told, not turned into one


def test_a_write_that_fails_midway_is_reported(tmp_path: Path) -> None:
    """A real ENOSPC-like failure on write: the file size limit (RLIMIT_FSIZE) of the command's process."""
    import resource

    audit = tmp_path / "audit.jsonl"
    audit.write_text("x" * 1000)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    with serving() as server:
        command = [SCRIPT, "orders", "cancel-all", "--account-id", "8601", "--yes", "--audit-log", str(audit)]
        result = subprocess.run(command, env=env_for(server.url), capture_output=True, text=True, timeout=60,
                                preexec_fn=limit)  # fmt: skip
    assert outcomes(result) == {8601: "done"}
    assert "File too large" in result.stderr
    assert audit.read_text() == "x" * 1000


def test_a_lock_held_by_another_process_does_not_defeat_the_deadline(tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    audit.touch()
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time\n"
                               f"f = open({str(audit)!r}, 'a'); fcntl.flock(f, fcntl.LOCK_EX)\n"
                               "print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None
        assert select.select([holder.stdout], [], [], 30)[0], "the lock holder did not start"
        assert holder.stdout.readline() == "held\n"
        with serving() as server:
            started = time.monotonic()
            result = cancel_all(server.url, [8701, 8702], "--deadline", "1.5", "--output", "json",
                                "--audit-log", str(audit))  # fmt: skip
            took = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert took < 1.5 + 2.5, took
    assert outcomes(result) == {8701: "done", 8702: "done"}
    assert len(report_of(result)["audit_failures"]) == 2
    assert "stayed locked" in result.stderr
    time.sleep(0.2)
    assert audit.read_text() == ""  # lines reported unwritten are never written later


def test_a_fifo_or_a_symlink_in_the_logs_place_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo, link, target = tmp_path / "fifo", tmp_path / "link", tmp_path / "elsewhere"
    os.mkfifo(fifo)
    target.write_text("")
    link.symlink_to(target)
    with serving() as server:
        through_fifo = cancel_all(server.url, [8801], "--output", "json", "--audit-log", str(fifo), timeout=30)
        through_link = cancel_all(server.url, [8802], "--output", "json", "--audit-log", str(link), timeout=30)
    assert outcomes(through_fifo) == {8801: "done"}
    assert "FIFO" in report_of(through_fifo)["audit_failures"][0]["reason"]
    assert outcomes(through_link) == {8802: "done"}
    assert "symbolic link" in report_of(through_link)["audit_failures"][0]["reason"]
    assert target.read_text() == ""


# --- signals ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_run_stops_new_requests_and_still_reports_every_account(tmp_path: Path, number: int,
                                                                              code: int) -> None:  # fmt: skip
    hanging = list(range(9100, 9108))
    answering = list(range(9200, 9230))
    audit, accounts = tmp_path / "audit.jsonl", tmp_path / "accounts.txt"
    accounts.write_text("\n".join(map(str, hanging + answering)) + "\n")
    script = {account: HANG for account in hanging}
    script.update({account: [{"delay": 0.3, "status": 200, "body": orders(account)}] for account in answering})
    with serving(script) as server:
        process = subprocess.Popen([SCRIPT, "orders", "cancel-all", "--accounts-file", str(accounts), "--yes",
                                    "--concurrency", "10", "--deadline", "30", "--audit-log", str(audit)],
                                   env=env_for(server.url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)  # fmt: skip
        waited = time.monotonic()
        while len(set(server.paths()) & {f"/v1/accounts/{a}/orders" for a in hanging}) < len(hanging):
            assert time.monotonic() - waited < 30, "the hanging accounts' requests never arrived"
            time.sleep(0.05)
        time.sleep(0.3)  # some of the others in flight too
        process.send_signal(number)
        started = time.monotonic()
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - started
        received = {int(path.split("/")[3]) for path in server.paths()}
    assert process.returncode == code, err
    assert took < 2 + 2, took  # the stop's grace, not the 30 s deadline
    report = json.loads(out)
    kinds = {entry["account"]: entry["outcome"] for entry in report["accounts"]}
    assert len(kinds) == 38
    assert report["stopped"] is True
    assert {kinds[account] for account in hanging} == {"unknown"}
    assert {kinds[a] for a in answering if a not in received} == {"not_sent"}
    assert {kinds[a] for a in answering if a in received} <= {"done", "unknown"}
    assert {a for a, kind in kinds.items() if kind != "not_sent"} == received  # sent means the server saw it
    assert {line["account"]: line["outcome"] for line in audit_lines(audit)} == kinds
    assert signal.Signals(number).name in err
    assert "Traceback" not in err


# --- output faults ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("redirect", [">&-", "> /dev/full"])
def test_output_faults_never_turn_a_done_cancel_into_a_failure(redirect: str) -> None:
    with serving() as server:
        result = cancel_all(server.url, [9301, 9302], "--output", "json", shell_suffix=redirect)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not write the report to stdout" in result.stderr
    assert "done: 9301, 9302" in result.stderr


def test_a_closed_stdin_is_no_terminal_and_no_crash() -> None:
    with serving() as server:
        result = cli(server.url, "orders", "cancel-all", "--account-id", "9303", "--output", "json", shell_suffix="<&-")
    assert result.returncode == 0, result.stderr
    assert outcomes(result) == {9303: "done"}


def test_a_single_cancel_that_cannot_be_printed_is_still_told_done() -> None:
    one = {"data": {**ORDER, "id": "o-5"}, "error": None, "metadata": {"request_id": "r-o-5"}}
    with serving({9350: [{"status": 200, "body": one}]}) as server:
        result = cli(server.url, "orders", "cancel", "o-5", "--account-id", "9350", shell_suffix="> /dev/full")
    assert result.returncode == 0, result.stderr
    assert "could not write the report to stdout" in result.stderr
    assert "the cancel was done (request_id r-o-5)" in result.stderr


def test_server_text_is_made_safe_for_a_latin_1_terminal() -> None:
    body = json.dumps(orders(9401)).replace('"TSLA"', '"\\ud800 caf\\u00e9 \\u20ac \\u001b[2J"')
    script = {9401: [{"status": 200, "body": body}],
              9402: [{"status": 403, "body": {"error": {"code": 403, "message": "denied \u001b[2J\u001b]0;owned\u0007"},
                                              "metadata": {"request_id": "r\u001b[31m"}}}]}  # fmt: skip
    with serving(script) as server:
        one = cli(server.url, "orders", "cancel-all", "--account-id", "9401", "--yes", "--output", "table",
                  PYTHONIOENCODING="latin-1")  # fmt: skip
        both = cancel_all(server.url, [9401, 9402], "--output", "table", PYTHONIOENCODING="latin-1")
        as_json = cancel_all(server.url, [9401, 9402], "--output", "json")
    assert one.returncode == 0, one.stderr
    assert "\\ud800 caf\udce9 \\u20ac \\x1b[2J" in one.stdout  # é in latin-1 (undecodable as UTF-8 here)
    for result in (one, both, as_json):
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert "denied \\x1b[2J" in both.stdout + both.stderr
    assert as_json.stdout.isascii()


def test_json_output_is_strict_even_when_the_server_sends_nan() -> None:
    body = json.dumps(orders(9501, error={"code": 202, "message": "m", "details": [{"x": float("nan")}]}))
    with serving({9501: [{"status": 200, "body": body}]}) as server:
        result = cancel_all(server.url, [9501], "--output", "json")
    entry = report_of(result)["accounts"][0]  # report_of refuses NaN
    assert entry["api_error"]["details"] == [{"x": "nan"}]


# --- the command --------------------------------------------------------------------------------------------------


def test_cancel_has_a_deadline() -> None:
    with serving({9550: HANG}) as server:
        started = time.monotonic()
        result = cli(server.url, "orders", "cancel", "o-1", "--account-id", "9550", "--deadline", "1", timeout=30)
        took = time.monotonic() - started
    assert result.returncode == 1
    assert "no answer within the --deadline: the cancel may have taken effect" in result.stderr
    assert took < 1 + 2.5, took


def test_clear_street_log_works_for_the_command() -> None:
    with serving({9601: [{"status": 503, "body": {"error": {"code": 503, "message": "busy"},
                                                   "metadata": {"request_id": "b"}}, "headers": {"Retry-After": "0"}},
                         {"status": 200, "body": orders(9601)}]}) as server:  # fmt: skip
        result = cancel_all(server.url, [9601], "--output", "json", CLEAR_STREET_LOG="debug")
        quiet = cancel_all(server.url, [9602], "--output", "json")
    assert result.returncode == 0, result.stderr
    assert "DELETE /v1/accounts/9601/orders -> 503" in result.stderr
    assert "attempts=2" in result.stderr
    assert quiet.stderr == ""


def test_one_json_shape_whatever_the_number_of_accounts() -> None:
    with serving({9701: [{"status": 404, "body": NO_MATCH}]}) as server:
        one = cancel_all(server.url, [9701], "--output", "json")
        many = cancel_all(server.url, [9701, 9702], "--output", "json")
    assert one.returncode == 0
    assert report_of(one).keys() == report_of(many).keys()
    assert report_of(one)["accounts"][0].keys() == report_of(many)["accounts"][1].keys()
    assert outcomes(one) == {9701: "nothing_to_cancel"}


@pytest.mark.parametrize("account", ["1_000", "+1000", "\u0661\u0660\u0660\u0660", "\uff11\uff10\uff10\uff10", " 1000"])
def test_account_ids_are_ascii_digits(account: str, tmp_path: Path) -> None:
    listed = tmp_path / "accounts.txt"
    listed.write_text(f"{account}\n", encoding="utf-8")
    for args in (["orders", "cancel-all", "--account-id", account], ["orders", "cancel-all", "--accounts-file",
                                                                     str(listed)],
                 ["orders", "cancel", "x", "--account-id", account]):  # fmt: skip
        result = cli("http://127.0.0.1:9", *args, "--yes" if "cancel-all" in args else "--output=json")
        if args[-1] == str(listed) and account == " 1000":
            assert result.returncode == 1  # a file's line is stripped: a space there is no mistake
            continue
        assert result.returncode == 2, (args, result.stderr)
        assert "not an account id" in result.stderr


def test_a_utf8_bom_file_and_a_repeated_account_id_on_cancel(tmp_path: Path) -> None:
    listed = tmp_path / "accounts.txt"
    listed.write_bytes(b"\xef\xbb\xbf9801\n9802\n")
    with serving() as server:
        result = cli(server.url, "orders", "cancel-all", "--accounts-file", str(listed), "--yes", "--output", "json")
        twice = cli(server.url, "orders", "cancel", "x", "--account-id", "1", "--account-id", "2")
        received = server.paths()
    assert outcomes(result) == {9801: "done", 9802: "done"}
    assert twice.returncode == 2
    assert "--account-id given more than once" in twice.stderr
    assert received == ["/v1/accounts/9801/orders", "/v1/accounts/9802/orders"]


# --- the library ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_the_library_from_asyncio_and_trio(backend: str, tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    script = {9901: HANG, 9903: [{"status": 404, "body": NO_MATCH}]}
    with serving(script) as server:

        async def run() -> clear_street.KillSwitchReport:
            return await clear_street.cancel_all_accounts(
                [9901, 9902, 9903, 9902], side="BUY", deadline=1.5, audit_log=audit, base_url=server.url, api_key=KEY
            )

        report = anyio.run(run, backend=backend)
        targets = [request["target"] for request in server.received()]
    assert [(o.account, o.outcome) for o in report.outcomes] == [
        (9901, clear_street.Outcome.UNKNOWN), (9902, clear_street.Outcome.DONE),
        (9903, clear_street.Outcome.NOTHING_TO_CANCEL)]  # fmt: skip
    assert report.outcomes[1].order_ids == ("9902-a", "9902-b")
    assert report.outcomes[1].response is not None
    assert not report.confirmed
    assert report.filters == {"side": "BUY"}
    assert all(target.endswith("?side=BUY") for target in targets)
    assert len(audit_lines(audit)) == 3
    assert report.to_dict()["accounts"][0]["outcome"] == "unknown"


def test_the_library_with_the_callers_client_and_a_stop() -> None:
    with serving({9951: HANG}) as server:

        async def run() -> tuple[clear_street.KillSwitchReport, bool]:
            stop = anyio.Event()
            async with clear_street.AsyncClearStreet(api_key=KEY, base_url=server.url) as client:
                async with anyio.create_task_group() as group:
                    group.start_soon(lambda: _set_later(stop, 0.5))
                    report = await clear_street.cancel_all_accounts(
                        [9951, 9952, 9953], client=client, stop=stop, concurrency=1, stop_grace=0.5
                    )
                return report, client._http.is_closed

        started = time.monotonic()
        report, closed = anyio.run(run)
        took = time.monotonic() - started
    assert [o.outcome for o in report.outcomes] == ["unknown", "not_sent", "not_sent"]
    assert report.stopped
    assert not closed  # the caller's client stays open
    assert took < 5


async def _set_later(event: anyio.Event, delay: float) -> None:
    await anyio.sleep(delay)
    event.set()


def test_the_library_refuses_bad_arguments_before_sending() -> None:
    async def run(**options: Any) -> None:
        await clear_street.cancel_all_accounts(**{"accounts": [1], "base_url": "http://127.0.0.1:9", "api_key": KEY,
                                                  **options})  # fmt: skip

    for options, error in [({"accounts": []}, ValueError), ({"accounts": [-1]}, ValueError),
                           ({"side": "buy"}, ValueError), ({"concurrency": 0}, ValueError),
                           ({"deadline": float("nan")}, ValueError), ({"accounts": "123"}, TypeError),
                           ({"stop_grace": -1}, ValueError)]:  # fmt: skip
        with pytest.raises(error):
            anyio.run(lambda: run(**options))


def test_help_says_what_the_readme_says() -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Command line: the kill switch") :]
    help_text = " ".join(cli("http://127.0.0.1:9", "orders", "cancel-all", "--help").stdout.split())
    for fact in ("done", "nothing_to_cancel", "failed", "not_sent", "unknown", "earlier_attempt", "next_page_token",
                 "No orders match the specified filters", "CLEAR_STREET_LOG", "CLEAR_STREET_API_KEY", "130", "143",
                 "nothing was sent", "--deadline", "--audit-log", "--concurrency", "ALL"):  # fmt: skip
        assert fact in help_text, fact
        assert fact in section, fact
