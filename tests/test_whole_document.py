"""A client of a whole document costs what the two-operation one does until it is used: the stand-in for the
vendor's document (scripts/whole_document.py, which `make bench` times) is valid, has the vendor's size, and its
client imports and constructs loading the very modules the two-operation client loads; a call of one operation
loads that operation's resource, request builder and models, the same ones the two-operation client's call does."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, example
from openapi_spec_validator import validate
from whole_document import OPERATIONS, whole_document

# Prints, as JSON: the package's and attrs' modules after the import and construct, and after one cancel-all.
ONE_CALL = textwrap.dedent("""
    import json, sys
    import httpx

    def loaded():
        return sorted(name for name in sys.modules if name.startswith(("clear_street", "attr")))

    import clear_street
    body = json.loads(BODY)
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)))
    client = clear_street.ClearStreet(api_key="k", base_url="http://api.test", http_client=http)
    made = loaded()
    result = getattr(getattr(client.v1, TAG), OPERATION)(19816)
    assert len(result.data) == 2, result
    print(json.dumps({"made": made, "called": loaded()}))
""")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two-operation package and the whole document's, each vendored as ``clear_street`` under a directory."""
    scratch = tmp_path_factory.mktemp("whole")
    spec = scratch / "whole.json"
    spec.write_text(json.dumps(whole_document()))
    subprocess.run([sys.executable, "scripts/generate.py", "--spec", str(spec), "--output", str(scratch / "generated")],
                   cwd=ROOT, check=True, capture_output=True, timeout=600)  # fmt: skip
    for name, generated in (("two", ROOT / "generated"), ("whole", scratch / "generated")):
        subprocess.run([sys.executable, "scripts/vendor.py", str(scratch / name / "clear_street"), "--generated",
                        str(generated)], cwd=ROOT, check=True, capture_output=True, timeout=60)  # fmt: skip
    return {"two": scratch / "two", "whole": scratch / "whole"}


def one_call(site: Path, tag: str, operation: str) -> dict[str, list[str]]:
    body = json.dumps(example("cancel_all_open_orders", "200"))
    code = f"BODY, TAG, OPERATION = {body!r}, {tag!r}, {operation!r}\n" + ONE_CALL
    env = {"PYTHONPATH": str(site), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_stand_in_is_a_valid_document_of_the_vendors_size() -> None:
    document = whole_document()
    validate(document)
    operations = [op for item in document["paths"].values() for key, op in item.items() if key != "parameters"]
    assert len(operations) == OPERATIONS == 61
    assert len({op["operationId"] for op in operations}) == 61
    assert len(document["components"]["schemas"]) >= 200
    assert len({tag for op in operations for tag in op["tags"]}) == 8


def test_the_whole_documents_client_loads_what_the_two_operation_one_does(sites: dict[str, Path]) -> None:
    two = one_call(sites["two"], "orders", "cancel_all_open_orders")
    whole = one_call(sites["whole"], "desk3", "cancel_all_open_orders_3")
    assert whole["made"] == two["made"]
    assert not [name for name in whole["made"] if name.startswith(("attr", "clear_street._generated.models."))]

    def named_as_in_two(name: str) -> str:  # desk3's copies of the product's modules, as the product names them
        return name.replace("_desk_3", "").replace("api.desk3", "api.orders").replace("_open_orders_3", "_open_orders")

    assert sorted(map(named_as_in_two, whole["called"])) == two["called"]
