"""The installed ``clear-street`` console script (and ``python -m clear_street``) against a real local server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import serving

SCRIPT = shutil.which("clear-street", path=str(Path(sys.executable).parent))
KEY = "cli-secret-key-123"


@pytest.fixture(scope="module")
def server():
    with serving() as running:
        yield running


def run(*args: str, key: str | None = KEY, base_url: str | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLEAR_STREET_")}
    if key is not None:
        env["CLEAR_STREET_API_KEY"] = key
    if base_url is not None:
        env["CLEAR_STREET_BASE_URL"] = base_url
    assert SCRIPT, "the clear-street console script is installed beside this Python"
    return subprocess.run([SCRIPT, *args], env=env, capture_output=True, text=True, input=stdin, timeout=60)


def test_cancel_prints_json_when_not_on_a_terminal(server) -> None:
    result = run("orders", "cancel", "ord-7", "--account-id", "19816", base_url=server.url)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["data"]["id"] == "ord-7"
    assert body["metadata"]["request_id"] == "r-ord-7"
    assert KEY not in result.stdout + result.stderr


def test_cancel_all_with_filters_and_table_output(server) -> None:
    result = run("orders", "cancel-all", "--account-id", "1", "--instrument-id", "a", "--instrument-id", "b",
                 "--instrument-type", "OPTION", "--side", "SELL", "--type", "LIMIT", "--output", "table",
                 "--base-url", server.url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == [
        "id", "symbol", "side", "quantity", "filled_quantity", "limit_price", "status", "client_order_id",
    ]  # fmt: skip
    assert "2 order(s) pending cancel; request_id bulk" in result.stdout


def test_python_dash_m(server) -> None:
    env = {**os.environ, "CLEAR_STREET_API_KEY": KEY, "CLEAR_STREET_BASE_URL": server.url}
    result = subprocess.run([sys.executable, "-m", "clear_street", "orders", "cancel", "x", "--account-id", "2"],
                            env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data"]["account_id"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ("orders", "cancel", "x", "--account-id", "abc"),
        ("orders", "cancel", "x", "--account-id", "-1"),
        ("orders", "cancel-all", "--account-id", "1", "--side", "buy"),
        ("orders", "cancel-all", "--account-id", "1", "--instrument-id", "a,b"),
        ("orders", "cancel", ".", "--account-id", "1"),
        ("orders", "cancel-all"),
        ("orders", "frobnicate"),
    ],
)
def test_usage_errors_exit_2_before_any_request(args: tuple[str, ...]) -> None:
    result = run(*args, base_url="http://127.0.0.1:9")  # nothing listens there: a request would exit 1
    assert result.returncode == 2, result.stderr
    assert "usage:" in result.stderr or "error:" in result.stderr


def test_missing_key_is_a_usage_error_naming_the_variable() -> None:
    result = run("orders", "cancel", "x", "--account-id", "1", key=None)
    assert result.returncode == 2
    assert "CLEAR_STREET_API_KEY" in result.stderr


def test_api_error_exits_1_with_message_and_request_id(server) -> None:
    result = run("orders", "cancel", "missing-9", "--account-id", "1", base_url=server.url)
    assert result.returncode == 1
    assert result.stderr.strip() == "clear-street: Order missing-9 not found (status 404, request_id n)"
    assert KEY not in result.stderr


def test_connection_error_exits_1() -> None:
    from conftest import prism_server

    result = run("orders", "cancel", "x", "--account-id", "1", base_url=f"http://127.0.0.1:{prism_server.free_port()}")
    assert result.returncode == 1
    assert "clear-street: Connection error" in result.stderr


def test_cancel_all_never_prompts_off_a_terminal(server) -> None:
    result = run("orders", "cancel-all", "--account-id", "1", base_url=server.url, stdin="n\n")
    assert result.returncode == 0
    assert "[y/N]" not in result.stdout + result.stderr


@pytest.mark.parametrize(("answer", "code"), [("n", 2), ("y", 0)])
def test_cancel_all_asks_on_a_terminal(server, answer: str, code: int) -> None:
    """Run under a pseudo-terminal, as a person would: the prompt appears and the answer decides."""
    import pty

    env = {"CLEAR_STREET_API_KEY": KEY, "CLEAR_STREET_BASE_URL": server.url, "PATH": os.environ["PATH"]}
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin and stdout are the terminal
        os.execve(SCRIPT, [SCRIPT, "orders", "cancel-all", "--account-id", "5", "--output", "json"], env)
    transcript = b""
    while b"[y/N]" not in transcript:
        transcript += os.read(fd, 1024)
    assert b"account 5 (no filters: ALL of them)" in transcript
    os.write(fd, answer.encode() + b"\n")
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == code
    assert (b'"request_id": "bulk"' in transcript) == (answer == "y")


def test_a_success_with_deviations_exits_0_with_one_warning_line(server) -> None:
    result = run("orders", "cancel", "deviating-1", "--account-id", "3", base_url=server.url)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "clear-street: warning: the response deviates from the spec at data.filled_quantity (request_id r-deviating-1)"
    ]
    assert json.loads(result.stdout)["data"]["filled_quantity"] == 5  # exactly what the server sent


def test_a_structural_break_after_a_2xx_exits_1_saying_the_cancel_may_have_happened(server) -> None:
    result = run("orders", "cancel", "broken-1", "--account-id", "3", base_url=server.url)
    assert result.returncode == 1
    assert "The server answered 200, so the cancel may have taken effect" in result.stderr
    assert result.stderr.rstrip().endswith("(request_id r-broken-1)")  # from the header: the HTML has none
    assert result.stdout == ""


def test_json_output_is_exactly_what_the_server_sent(server) -> None:
    import loopback

    result = run("orders", "cancel", "ord-9", "--account-id", "19816", base_url=server.url)
    assert json.loads(result.stdout) == {
        "data": {**loopback.ORDER, "id": "ord-9"}, "error": None, "metadata": {"request_id": "r-ord-9"},
    }  # fmt: skip
