"""`make demo`: cancel one order and then all orders through clear_street, against Prism serving our own spec.

Prism answers with the spec's documented examples; asking it for `Prefer: code=404` shows a documented error
being raised as a typed exception and caught.
"""

from __future__ import annotations

import clear_street
import prism


def show_order(order: clear_street.Order) -> str:
    price = order.limit_price if isinstance(order.limit_price, str) else "-"
    return (
        f"  {order.symbol:<6} {order.side:<10} {order.quantity:>6} @ {price:<8} {order.status:<16}"
        f" filled {order.filled_quantity:>4}  id {order.id}"
    )


def main() -> None:
    print("Starting Prism on 127.0.0.1, serving spec/openapi.yaml ...")
    with prism.running() as url:
        print(f"Prism is up at {url}\n")
        with clear_street.ClearStreet(api_key="demo-key", base_url=url) as client:
            print("client.v1.orders.cancel_open_order('my-ref-id-20251001-001', account_id=19816)")
            one = client.v1.orders.cancel_open_order("my-ref-id-20251001-001", account_id=19816)
            print(show_order(one.data))
            print(f"  request_id {one.metadata.request_id}\n")

            print("client.v1.orders.cancel_all_open_orders(19816, side='BUY', type='LIMIT')")
            every = client.v1.orders.cancel_all_open_orders(19816, side="BUY", type="LIMIT")
            for order in every.data:
                print(show_order(order))
            print(f"  {len(every.data)} orders pending cancel; request_id {every.metadata.request_id}\n")

            print("An order that does not exist (Prism asked for its documented 404):")
            missing = client.with_options(default_headers={"Prefer": "code=404"})
            try:
                missing.v1.orders.cancel_open_order("d40a92e6-381f-4803-b292-56d350d9d54a", account_id=100001)
            except clear_street.NotFoundError as error:
                print(f"  caught {type(error).__name__}: {error}")
                print(f"  status {error.status_code}, code {error.code}, request_id {error.request_id}\n")

            print("A bad argument is refused before anything is sent:")
            try:
                client.v1.orders.cancel_all_open_orders(19816, side="buy")
            except ValueError as error:
                print(f"  caught ValueError: {error}")
    print("\nPrism stopped. Demo done.")


if __name__ == "__main__":
    main()
