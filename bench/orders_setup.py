#!/usr/bin/env python3
"""Prepares the order benchmarks through the staff API of a running server (bench/orders.sh).

  orders_setup.py BASE_URL STAFF_TOKEN CUSTOMERS OUT_DIR [LINKS [SUBMIT_LINKS]]

Catalogue page: picks LINKS (default 200) random active customers (fixed seed, so every run
reads the same ones), gives every fourth a catalogue scope of three product types (PATCH), and
creates a quick-order link for each (POST /api/v1/customers/{id}/quick-links).
Order submission: creates links for SUBMIT_LINKS (default 1000) other random active customers
whose scope is the whole catalogue, chosen afresh on every call: each submitted order adds to
its customer's unpaid orders, which the credit check of the next order sums, so submitting
always to the same few customers would measure an ever-growing pile of unpaid orders.
Writes to OUT_DIR:
  tokens.txt         the catalogue links' tokens
  tokens-submit.txt  the submission links' tokens
  products.txt       ids of 200 active products with a price in EUR, MXN and USD, comma-separated
"""
import json
import random
import sys
import time
import urllib.error
import urllib.request


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    base, token, customers, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    wanted = int(sys.argv[5]) if len(sys.argv) > 5 else 200
    wanted_submit = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    rng = random.Random(3)
    types = [t["id"] for t in call(base, token, "GET", "/api/v1/product-types")["items"]]

    tokens = []
    seen = set()
    while len(tokens) < wanted:
        customer_id = rng.randint(1, customers)
        if customer_id in seen:
            continue
        seen.add(customer_id)
        customer = call(base, token, "GET", f"/api/v1/customers/{customer_id}")
        if customer["account_status"] != "active":
            continue
        if len(tokens) % 4 == 3 and types:
            scope = {"catalog_scope": "product_types", "product_type_ids": rng.sample(types, 3)}
        else:
            scope = {"catalog_scope": "all", "product_type_ids": []}
        if customer["catalog_scope"] != scope["catalog_scope"] or (
            scope["catalog_scope"] != "all"
            and sorted(customer["product_type_ids"]) != sorted(scope["product_type_ids"])
        ):
            call(base, token, "PATCH", f"/api/v1/customers/{customer_id}", scope)
        link = call(base, token, "POST", f"/api/v1/customers/{customer_id}/quick-links", {})
        tokens.append(link["token"])

    fresh = random.Random(time.time_ns())
    tokens_submit = []
    while len(tokens_submit) < wanted_submit:
        customer_id = fresh.randint(1, customers)
        if customer_id in seen:
            continue
        seen.add(customer_id)
        customer = call(base, token, "GET", f"/api/v1/customers/{customer_id}")
        if customer["account_status"] != "active" or customer["catalog_scope"] != "all":
            continue
        link = call(base, token, "POST", f"/api/v1/customers/{customer_id}/quick-links", {})
        tokens_submit.append(link["token"])

    # Products anyone in scope "all" may order, whatever their currency.
    products, cursor = [], None
    while len(products) < 200:
        path = "/api/v1/products?active=true&limit=100" + (f"&cursor={cursor}" if cursor else "")
        page = call(base, token, "GET", path)
        for product in page["items"]:
            if {p["currency"] for p in product["prices"]} >= {"EUR", "MXN", "USD"}:
                products.append(product["id"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
    products = rng.sample(products, min(200, len(products)))

    with open(f"{out}/tokens.txt", "w") as f:
        f.write("\n".join(tokens) + "\n")
    with open(f"{out}/tokens-submit.txt", "w") as f:
        f.write("\n".join(tokens_submit) + "\n")
    with open(f"{out}/products.txt", "w") as f:
        f.write(",".join(products) + "\n")
    print(f"{len(tokens)} catalogue links ({(len(tokens) + 1) // 4} scoped), "
          f"{len(tokens_submit)} submission links, {len(products)} products")


if __name__ == "__main__":
    try:
        main()
    except urllib.error.HTTPError as error:
        sys.exit(f"{error.code} {error.url}: {error.read().decode()[:500]}")
