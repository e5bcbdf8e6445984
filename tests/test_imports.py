"""Cost follows use: ``import clear_street`` and the clients' constructors load no resource, model or attrs; a
resource is imported at its first read, an operation's request builder and models at its first call, and a later
call imports nothing (as a Stainless SDK's resources are loaded).

What an import loads is only visible before anything else has loaded it, so those tests run fresh interpreters.
"""

from __future__ import annotations

import json
import subprocess
import sys
import typing

import clear_street
import pytest
from clear_street._generated import models
from conftest import example

# Prints, as JSON: the package's and attrs' modules loaded by the import, by the constructor, by reading the
# resource, by a first call of cancel-all answered by a mock transport, by a second, and by a cancel of one order.
FIRST_USE = """
import asyncio, json, sys
import httpx

def loaded():
    return sorted(name for name in sys.modules if name.startswith(("clear_street", "attr")))

steps = {}
import clear_street
steps["import"] = loaded()
handler = lambda request: httpx.Response(200, json=json.loads(ALL if request.url.path.endswith("/orders") else ONE))
client = clear_street.CLIENT(api_key="k", base_url="http://api.test", http_client=httpx.HTTP(
    transport=httpx.MockTransport(handler)))
steps["constructor"] = loaded()
orders = client.v1.orders
steps["resource"] = loaded()

async def calls():
    for step, operation, arguments, options in (("first call", "cancel_all_open_orders", [1], {"side": "BUY"}),
                                                ("second call", "cancel_all_open_orders", [2], {}),
                                                ("other operation", "cancel_open_order", ["o-1"], {"account_id": 1})):
        result = getattr(orders, operation)(*arguments, **options)
        await result if asyncio.iscoroutine(result) else result
        steps[step] = loaded()

asyncio.run(calls())
print(json.dumps(steps))
"""

MODELS = "clear_street._generated.models."
RESOURCE = "clear_street._generated.api.orders"


def first_use(client: str) -> dict[str, list[str]]:
    script = FIRST_USE.replace("CLIENT", client).replace(
        "HTTP", "AsyncClient" if client.startswith("Async") else "Client"
    )
    one, every = example("cancel_open_order", "200"), example("cancel_all_open_orders", "200")
    script = f"ONE, ALL = {json.dumps(one)!r}, {json.dumps(every)!r}\n" + script
    return json.loads(
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600).stdout
    )


def added(loaded: dict[str, list[str]], step: str, before: str) -> set[str]:
    return set(loaded[step]) - set(loaded[before])


@pytest.mark.parametrize("client", ["ClearStreet", "AsyncClearStreet"])
def test_a_call_imports_its_own_resource_request_builder_and_models_and_nothing_else(client: str) -> None:
    loaded = first_use(client)
    assert not [name for name in loaded["constructor"] if name.startswith(("attr", MODELS, RESOURCE))]
    assert added(loaded, "resource", "constructor") == {RESOURCE}
    first = added(loaded, "first call", "resource")
    assert f"{RESOURCE}.cancel_all_open_orders" in first
    assert {f"{MODELS}order_cancel_all_open_orders_response", f"{MODELS}order", f"{MODELS}side", "attrs"} <= first
    assert not {f"{RESOURCE}.cancel_open_order", f"{MODELS}order_cancel_open_order_response"} & first
    assert added(loaded, "second call", "first call") == set()
    assert added(loaded, "other operation", "second call") == {
        f"{RESOURCE}.cancel_open_order",
        f"{MODELS}order_cancel_open_order_response",
    }


PRELOADED = """
import asyncio, json, sys
import httpx, clear_street

handler = lambda request: httpx.Response(200, json=json.loads(ALL if request.url.path.endswith("/orders") else ONE))
client = clear_street.CLIENT(api_key="k", base_url="http://api.test", http_client=httpx.HTTP(
    transport=httpx.MockTransport(handler)))
client.preload()
before = set(sys.modules)

async def calls():
    for result in (client.v1.orders.cancel_all_open_orders(1), client.v1.orders.cancel_open_order("o", account_id=1)):
        await result if asyncio.iscoroutine(result) else result

asyncio.run(calls())
print(json.dumps({"preloaded": sorted(before), "added": sorted(set(sys.modules) - before)}))
"""


@pytest.mark.parametrize("client", ["ClearStreet", "AsyncClearStreet"])
def test_preload_imports_what_every_first_call_would_so_no_call_imports_anything(client: str) -> None:
    one, every = example("cancel_open_order", "200"), example("cancel_all_open_orders", "200")
    script = f"ONE, ALL = {json.dumps(one)!r}, {json.dumps(every)!r}\n" + PRELOADED.replace("CLIENT", client).replace(
        "HTTP", "AsyncClient" if client.startswith("Async") else "Client"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600)
    loaded = json.loads(run.stdout)
    assert loaded["added"] == []
    assert {f"{RESOURCE}.cancel_open_order", f"{RESOURCE}.cancel_all_open_orders", "msgspec"} <= set(
        loaded["preloaded"]
    )
    assert {f"{MODELS}order_cancel_open_order_response", f"{MODELS}order"} <= set(loaded["preloaded"])


def test_the_stand_in_is_replaced_by_the_module_at_the_first_call() -> None:
    """After its first call an operation's globals are the plain module and class: later calls look up no more
    than when everything was imported with the resource."""
    from clear_street._generated.api import orders

    client = clear_street.ClearStreet(api_key="k", base_url="http://api.test", max_retries=0)
    with pytest.raises(ValueError, match="account_id"):  # refused before sending: the module is bound anyway
        client.v1.orders.cancel_open_order("o-1", account_id=-1)
    assert orders._cancel_open_order is sys.modules[f"{RESOURCE}.cancel_open_order"]
    assert vars(orders)["OrderCancelOpenOrderResponse"] is clear_street.OrderCancelOpenOrderResponse
    client.close()


def test_every_model_and_enum_is_exported_as_its_own_class() -> None:
    for name in models.__all__:
        value = getattr(clear_street, name)
        assert value is getattr(sys.modules[f"{models.__name__}{models._MODULES[name]}"], name)
        assert value.__name__ == name
        assert name in dir(clear_street)
        assert name in clear_street.__all__
    star: dict[str, object] = {}
    exec("from clear_street import *", star)
    assert set(models.__all__) <= star.keys()


def test_the_kill_switch_is_imported_at_its_first_read_and_is_its_modules() -> None:
    """A program that only cancels does not pay for the kill switch (15 ms of import); one that names it gets it."""
    script = (
        "import sys, clear_street\n"
        "print('clear_street._killswitch' in sys.modules, 'decimal' in sys.modules)\n"
        "from clear_street import cancel_all_accounts, Outcome\n"
        "import clear_street._killswitch as k\n"
        "print(cancel_all_accounts is k.cancel_all_accounts, Outcome is k.Outcome,\n"
        "      'KillSwitchReport' in dir(clear_street))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600)
    assert result.stdout.split() == ["False", "False", "True", "True", "True"]
    assert set(clear_street._KILL_SWITCH) <= set(clear_street.__all__)


def test_an_unknown_name_is_an_attribute_error_naming_the_package() -> None:
    with pytest.raises(AttributeError, match="module 'clear_street' has no attribute 'Ordr'"):
        clear_street.Ordr
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        models.Nope
    with pytest.raises(ImportError, match="cannot import name 'Ordr'"):
        exec("from clear_street import Ordr", {})


def test_threads_that_read_a_model_first_all_get_the_same_class() -> None:
    script = """
import threading, clear_street
barrier, seen = threading.Barrier(8), []
def read():
    barrier.wait()
    seen.append(clear_street.Order)
threads = [threading.Thread(target=read) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
assert len(seen) == 8 and len(set(map(id, seen))) == 1, seen
from clear_street._generated.models.order import Order
assert seen[0] is Order
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=600)


def test_the_methods_and_request_builders_annotations_resolve_at_run_time() -> None:
    """Tools that read annotations (pydantic's validate_call, typeguard, typer) see real classes, not names the
    laziness left undefined."""
    from clear_street._generated.api.orders import AsyncOrders, Orders, OrdersWithRawResponse, cancel_all_open_orders

    for function in (Orders.cancel_open_order, Orders.cancel_all_open_orders, AsyncOrders.cancel_all_open_orders,
                     OrdersWithRawResponse.cancel_open_order, cancel_all_open_orders.request_kwargs):  # fmt: skip
        hints = typing.get_type_hints(function)
        assert hints["account_id"] is int
    assert typing.get_type_hints(Orders.cancel_open_order)["return"] is clear_street.OrderCancelOpenOrderResponse
    raw = typing.get_type_hints(OrdersWithRawResponse.cancel_open_order)["return"]
    assert raw == clear_street.APIResponse[clear_street.OrderCancelOpenOrderResponse]


def test_threads_that_make_an_operations_first_call_together_all_succeed() -> None:
    """The stand-in binds the models before the module: a thread that finds the module bound finds the models."""
    script = f"""
import json, threading, httpx, clear_street
body = {json.dumps(example("cancel_open_order", "200"))!r}
http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, content=body)))
orders = clear_street.ClearStreet(api_key="k", base_url="http://api.test", http_client=http).v1.orders
barrier, seen = threading.Barrier(8), []
def call():
    barrier.wait()
    seen.append(type(orders.cancel_open_order("o-1", account_id=1)))
threads = [threading.Thread(target=call) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
assert seen == [clear_street.OrderCancelOpenOrderResponse] * 8, seen
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=600)
