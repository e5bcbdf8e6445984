"""The installed ``clear-street`` console script (and ``python -m clear_street``) against a real local server."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
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
    """The prompt appears on the terminal and the answer decides."""
    status, transcript = in_terminal(["orders", "cancel-all", "--account-id", "5", "--output", "json"],
                                     answer.encode() + b"\n", terminal_env(server))  # fmt: skip
    assert status == code
    assert b"account 5 (no filters: ALL of them)" in transcript
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


def in_terminal(
    args: list[str], keys: bytes, env: dict[str, str], stdout_file: Path | None = None, timeout: float = 60.0
) -> tuple[int, bytes]:
    """Run under a pseudo-terminal, as a person would; ``keys`` are typed once the prompt shows. With
    ``stdout_file``, stdout goes there (``> file``) while stdin and stderr stay the terminal. Every wait is bounded
    by ``timeout``: past it the command is killed and the test fails, rather than the suite hanging."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child
        # A suite started with SIGINT ignored (a background job) would pass that on, and Ctrl-C would do nothing.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if stdout_file is not None:
            os.dup2(os.open(stdout_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        os.execve(SCRIPT, [SCRIPT, *args], env)
    deadline = time.monotonic() + timeout

    def read() -> bytes:
        """The next output, b"" at its end."""
        if not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise TimeoutError(f"{args} still running after {timeout} s; transcript so far: {transcript!r}")
        try:
            return os.read(fd, 1024)
        except OSError:  # the terminal closed with the command
            return b""

    transcript = b""
    try:
        while b"[y/N]" not in transcript and (chunk := read()):
            transcript += chunk
        os.write(fd, keys)
        while chunk := read():
            transcript += chunk
        while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        if ended[0] == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise TimeoutError(f"{args} did not exit within {timeout} s")
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(ended[1]), transcript


def terminal_env(server) -> dict[str, str]:
    return {"CLEAR_STREET_API_KEY": KEY, "CLEAR_STREET_BASE_URL": server.url, "PATH": os.environ["PATH"]}


def test_the_prompt_goes_to_the_terminal_and_stdout_holds_only_json(server, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, transcript = in_terminal(["orders", "cancel-all", "--account-id", "5", "--output", "json"], b"y\n",
                                   terminal_env(server), stdout_file=out)  # fmt: skip
    assert code == 0
    assert b"[y/N]" in transcript
    assert json.loads(out.read_text())["accounts"][0]["request_id"] == "bulk"


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_ctrl_d_at_the_prompt_cancels_nothing_without_a_traceback(server, key: bytes) -> None:
    code, transcript = in_terminal(["orders", "cancel-all", "--account-id", "5"], key, terminal_env(server))
    assert code == 2
    assert b"Nothing cancelled." in transcript
    assert b"Traceback" not in transcript


def test_help_names_the_key_variable_the_exit_codes_and_what_no_filter_means() -> None:
    for args in (["--help"], ["orders", "cancel-all", "--help"]):
        result = run(*args)
        assert result.returncode == 0
        assert "CLEAR_STREET_API_KEY" in result.stdout
        assert "exit status" in result.stdout
        assert "nothing was sent" in result.stdout
    assert "With no filters it cancels ALL open orders" in " ".join(
        run("orders", "cancel-all", "--help").stdout.split()
    )


def test_a_suite_started_with_sigint_ignored_still_ends() -> None:
    """As a background job starts it: the Ctrl-C tests then press a key that the command would ignore."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"{__file__}::test_ctrl_c_or_ctrl_d_at_the_prompt_cancels_nothing_without_a_traceback",
    ]

    def ignore_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    result = subprocess.run(command, capture_output=True, text=True, timeout=120, preexec_fn=ignore_sigint)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_nothing_to_cancel_is_done(server) -> None:
    from loopback import NOTHING_TO_CANCEL

    result = run("orders", "cancel-all", "--account-id", str(NOTHING_TO_CANCEL), base_url=server.url)
    assert result.returncode == 0, result.stderr
    assert "nothing to cancel: No orders match the specified filters (request_id none-left)" in result.stderr


def test_a_closed_stdout_pipe_does_not_turn_a_done_cancel_into_a_failure() -> None:
    with serving(orders_count=2000) as big:  # far more than a pipe's buffer holds
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLEAR_STREET_")}
        env.update(CLEAR_STREET_API_KEY=KEY, CLEAR_STREET_BASE_URL=big.url)
        result = subprocess.run(
            [
                "bash",
                "-c",
                f"set -o pipefail; '{SCRIPT}' orders cancel-all --account-id 1 --yes --output json | head -c 10",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout == '{\n  "filte'
    assert "Traceback" not in result.stderr
    if result.stderr:  # the reader left before the report was written whole: what was done is told
        assert "could not write the report to stdout (BrokenPipeError" in result.stderr
        assert "done: 1" in result.stderr


def test_a_connection_error_names_the_host_and_no_request_id() -> None:
    from conftest import prism_server

    port = prism_server.free_port()
    result = run("orders", "cancel", "x", "--account-id", "1", base_url=f"http://127.0.0.1:{port}")
    assert result.returncode == 1
    assert "Connection error talking to 127.0.0.1" in result.stderr
    assert "request_id" not in result.stderr
