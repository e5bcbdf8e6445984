"""Shared fixtures: the spec and its examples, clients on mock transports, recorded sleeps, and Prism."""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import clear_street
import httpx
import pytest
import yaml
from hypothesis import settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import prism as prism_server  # noqa: E402  scripts/prism.py and scripts/loopback.py are shared with the demo and bench

# CI (.ci/run) draws the same examples on every run, so that a landing is decided by the change, not by the draw;
# a developer's `make test` draws new ones each time, and keeps what failed in .hypothesis/ to replay it.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SPEC_PATH = ROOT / "spec" / "openapi.yaml"
REFERENCE = ROOT / "spec" / "reference"
BASE_URL = "http://api.test"

Handler = Callable[[httpx.Request], httpx.Response]


def load_spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


METHODS = ("get", "put", "post", "delete", "patch")


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every operation of the spec by its operationId, whatever the spec grows to."""
    return {op["operationId"]: op for item in spec["paths"].values() for key, op in item.items() if key in METHODS}


def spec_examples() -> list[tuple[str, str, Any]]:
    """(operationId, status, example value) for every named example in the spec, references resolved."""
    spec = load_spec()
    found = []
    for operation_id, operation in operations(spec).items():
        for status, response in operation["responses"].items():
            if "$ref" in response:
                response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            for example in response.get("content", {}).get("application/json", {}).get("examples", {}).values():
                found.append((operation_id, status, example["value"]))
    return found


def reference_examples(page: str) -> list[Any]:
    """Every JSON document on a reference page, in order of appearance."""
    text = (REFERENCE / page).read_text()
    decoder, documents, index = json.JSONDecoder(), [], 0
    while (index := text.find("\n{", index)) != -1:
        document, end = decoder.raw_decode(text, index + 1)
        documents.append(document)
        index = end
    return documents


def example(operation: str, status: str) -> Any:
    return next(value for op, code, value in spec_examples() if op == operation and code == status)


@pytest.fixture
def make_client() -> Iterator[Callable[..., clear_street.ClearStreet]]:
    """A ClearStreet whose requests go to ``handler``; extra keyword arguments go to the constructor."""
    clients: list[clear_street.ClearStreet] = []

    def make(handler: Handler, **options: Any) -> clear_street.ClearStreet:
        http = httpx.Client(transport=httpx.MockTransport(handler))
        options.setdefault("api_key", "test-key")
        options.setdefault("base_url", BASE_URL)
        client = clear_street.ClearStreet(http_client=http, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def make_async_client() -> Callable[..., clear_street.AsyncClearStreet]:
    def make(handler: Handler, **options: Any) -> clear_street.AsyncClearStreet:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        options.setdefault("api_key", "test-key")
        options.setdefault("base_url", BASE_URL)
        return clear_street.AsyncClearStreet(http_client=http, **options)

    return make


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retries do not really wait; the delays they asked for are recorded here, sync and async alike."""
    recorded: list[float] = []

    async def async_sleep(delay: float) -> None:
        recorded.append(delay)

    monkeypatch.setattr(clear_street._transport.time, "sleep", recorded.append)
    monkeypatch.setattr(anyio, "sleep", async_sleep)  # what the async client waits with
    return recorded


@pytest.fixture(scope="session")
def prism() -> Iterator[str]:
    with prism_server.running() as url:
        yield url


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    """Every way RFC 3339 writes a time: 0 to 9 fractional digits, Z or z or an offset, T or t."""
    moment = draw(st.datetimes(datetime.datetime(1970, 1, 2), datetime.datetime(2100, 1, 1)))
    digits = draw(st.text("0123456789", min_size=0, max_size=9))
    offset = draw(st.sampled_from(["Z", "z"]) | st.builds(
        lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
        st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59)))  # fmt: skip
    separator = draw(st.sampled_from("Tt"))
    return moment.strftime(f"%Y-%m-%d{separator}%H:%M:%S") + (f".{digits}" if digits else "") + offset
