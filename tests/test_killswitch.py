"""The kill switch at desk scale: every account at once, within a deadline, on the record, against a real server."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import clear_street
import pytest
from loopback import BUSY_TWICE, NEVER_ANSWERS, NOTHING_TO_CANCEL, serving
from test_cli import KEY, SCRIPT, in_terminal, run

DEADLINE = 3.0
NORMAL = list(range(101, 138))  # 37 accounts with open orders


@pytest.fixture
def server():
    with serving() as running:
        yield running


def accounts_file(tmp_path: Path, accounts: list[int]) -> Path:
    path = tmp_path / "accounts.txt"
    lines = ["# the desk's accounts", ""] + [f"{account}  # book {i}" for i, account in enumerate(accounts)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_forty_accounts_one_hanging_one_busy_one_empty(server, tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    accounts = [*NORMAL[1:], NEVER_ANSWERS, BUSY_TWICE, NOTHING_TO_CANCEL]
    started = time.monotonic()
    result = run("orders", "cancel-all", "--account-id", str(NORMAL[0]), "--accounts-file",
                 str(accounts_file(tmp_path, accounts)), "--deadline", str(DEADLINE), "--audit-log", str(audit),
                 "--side", "BUY", "--yes", "--output", "json", base_url=server.url)  # fmt: skip
    took = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert took < DEADLINE + 1 + 0.5, took  # the deadline, a second, and the interpreter's start
    report = json.loads(result.stdout)
    assert report["filters"]["side"] == "BUY"
    by_account = {entry["account"]: entry for entry in report["accounts"]}
    assert list(by_account) == [NORMAL[0], *accounts]
    for account in [*NORMAL, BUSY_TWICE]:
        entry = by_account[account]
        assert (entry["outcome"], entry["orders"], entry["status"], entry["request_id"]) == ("done", 2, 200, "bulk")
    assert by_account[NOTHING_TO_CANCEL]["outcome"] == "nothing_to_cancel"
    assert by_account[NOTHING_TO_CANCEL]["request_id"] == "none-left"
    assert by_account[NEVER_ANSWERS]["outcome"] == "unknown"  # sent, never answered
    assert "deadline" in by_account[NEVER_ANSWERS]["message"]
    cancelled = server.stats()["cancelled"]
    assert {int(k): v for k, v in cancelled.items() if not k.startswith("tried")} == dict.fromkeys(
        [*NORMAL, BUSY_TWICE], 1
    )  # everything reachable cancelled once, the busy account on its third attempt
    assert cancelled[f"tried-{BUSY_TWICE}"] == 3
    lines = [json.loads(line) for line in audit.read_text().splitlines()]
    assert len(lines) == 40
    assert {line["account"]: line["outcome"] for line in lines} == {k: v["outcome"] for k, v in by_account.items()}
    done = next(line for line in lines if line["account"] == NORMAL[0])
    assert done["filters"] == {"side": "BUY"}
    assert done["request_id"] == "bulk"
    assert len(done["order_ids"]) == 2
    assert done["time"].endswith("Z")
    assert KEY not in audit.read_text()


def test_every_account_reachable_exits_0(server, tmp_path: Path) -> None:
    accounts = [*NORMAL[:5], BUSY_TWICE, NOTHING_TO_CANCEL]
    result = run("orders", "cancel-all", "--accounts-file", str(accounts_file(tmp_path, accounts)), "--deadline",
                 "20", "--concurrency", "2", "--yes", "--output", "json", base_url=server.url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcomes = [entry["outcome"] for entry in json.loads(result.stdout)["accounts"]]
    assert outcomes == ["done"] * 6 + ["nothing_to_cancel"]


def test_the_confirmation_names_the_accounts_and_the_table_shows_each(server, tmp_path: Path) -> None:
    env = {"CLEAR_STREET_API_KEY": KEY, "CLEAR_STREET_BASE_URL": server.url, "PATH": os.environ["PATH"]}
    args = ["orders", "cancel-all", "--account-id", "101", "--account-id", "102", "--account-id",
            str(NOTHING_TO_CANCEL), "--type", "LIMIT"]  # fmt: skip
    code, transcript = in_terminal(args, b"y\n", env)
    assert code == 0
    text = transcript.decode()
    assert "Cancel open orders of 3 accounts matching type=LIMIT? [y/N]" in text
    assert "nothing_to_cancel" in text
    assert "2 done, 1 nothing_to_cancel, 0 failed, 0 not_sent, 0 unknown; 0 not confirmed" in text
    code, transcript = in_terminal(args, b"n\n", env)
    assert code == 2
    assert b"Nothing cancelled." in transcript
    assert server.stats()["cancelled"].get("tried-103") is None


def test_two_runs_append_to_one_audit_log_at_once(server, tmp_path: Path) -> None:
    audit = tmp_path / "audit.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEAR_STREET_")}
    env.update(CLEAR_STREET_API_KEY=KEY, CLEAR_STREET_BASE_URL=server.url)
    runs = [subprocess.Popen([SCRIPT, "orders", "cancel-all", "--accounts-file",
                              str(accounts_file(tmp_path / str(n), NORMAL)), "--audit-log", str(audit), "--yes"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for n in range(2) if (tmp_path / str(n)).mkdir() is None]  # fmt: skip
    assert [process.wait(timeout=60) for process in runs] == [0, 0]
    lines = audit.read_text().splitlines()
    assert len(lines) == 2 * len(NORMAL)
    assert all(json.loads(line)["outcome"] == "done" for line in lines)


@pytest.mark.parametrize(
    ("extra", "complaint"),
    [
        (["--deadline", "0"], "--deadline"),
        (["--concurrency", "0"], "--concurrency"),
        (["--audit-log", "/nonexistent-dir/audit.jsonl"], "No such file"),
        (["--account-id", "-3"], "not an account id"),
    ],
)
def test_bad_options_are_usage_errors_before_anything_is_sent(tmp_path: Path, extra: list[str], complaint: str) -> None:
    result = run("orders", "cancel-all", "--account-id", "1", *extra, "--yes", base_url="http://127.0.0.1:9")
    assert result.returncode == 2
    assert complaint in result.stderr


def test_a_bad_accounts_file_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "accounts.txt"
    path.write_text("101\nabc\n")
    result = run("orders", "cancel-all", "--accounts-file", str(path), "--yes", base_url="http://127.0.0.1:9")
    assert result.returncode == 2
    assert f"{path}:2: not an account id: 'abc'" in result.stderr


def test_one_accounts_surprise_does_not_stop_the_others(server, monkeypatch, capsys) -> None:
    """Whatever goes wrong with one account (here a bug planted in parsing its answer) is reported as its own
    outcome (unknown: the request went out, so the cancel may have taken effect), and every other account is still
    cancelled."""
    import clear_street
    from clear_street import _cli

    real_parse = clear_street.APIResponse.parse

    def parse(self):
        if "/accounts/102/" in str(self.http_response.url):
            raise RuntimeError("planted")
        return real_parse(self)

    monkeypatch.setattr(clear_street.APIResponse, "parse", parse)
    monkeypatch.setenv("CLEAR_STREET_API_KEY", KEY)
    code = _cli.main(["orders", "cancel-all", "--account-id", "101", "--account-id", "102", "--account-id", "103",
                      "--yes", "--output", "json", "--base-url", server.url])  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(e["account"], e["outcome"]) for e in report["accounts"]] == [
        (101, "done"),
        (102, "unknown"),
        (103, "done"),
    ]
    assert report["accounts"][1]["message"] == "RuntimeError: planted"


async def test_a_run_without_a_timeout_keeps_the_clients_default_not_none_at_all() -> None:
    """``timeout=None`` to an ``AsyncClearStreet`` means no timeout (as in the official SDK); the kill switch's own
    ``None`` means its default, so that a hanging server cannot hold a run that has no deadline forever."""
    from clear_street import _killswitch

    client, http = _killswitch._own_client("http://127.0.0.1:9", "k", 4, None)
    try:
        assert client.timeout == clear_street.DEFAULT_TIMEOUT
        assert http.timeout == clear_street.DEFAULT_TIMEOUT
    finally:
        await client.close()
        await http.aclose()
