#!/usr/bin/env python3
"""Baselines for the transfer benchmark, on a SQLite database.

    bench/transfer_baseline.py csv DB          the customers table as CSV with sqlite3's own
                                                writer (what the export reads), to /dev/null
    bench/transfer_baseline.py insert DB CSV   the rows of an import CSV inserted in one
                                                transaction with plain INSERTs (the same columns
                                                and derived keys the server writes, through the
                                                same indexes and FTS trigger; no validation,
                                                tags or events)
Prints the seconds it took.
"""
import csv
import json
import sqlite3
import sys
import time
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def digits(text):
    return "".join(c for c in text if c.isdigit())


mode, db_path = sys.argv[1], sys.argv[2]
db = sqlite3.connect(db_path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
started = time.monotonic()
if mode == "csv":
    with open("/dev/null", "w", newline="") as sink:
        writer = csv.writer(sink)
        cursor = db.execute("SELECT * FROM customers ORDER BY name_key, id")
        writer.writerow([d[0] for d in cursor.description])
        for row in cursor:
            writer.writerow(row)
elif mode == "insert":
    with open(sys.argv[3], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))[1:]
    status = {"Actual": "current", "Potencial": "potential"}
    temperature = {"Caliente": "hot", "Tibio": "warm", "Frío": "cold", "": None}
    now = int(time.time() * 1_000_000)
    db.execute("BEGIN IMMEDIATE")
    for name, legal, tax, email, phone, person, st, temp, discount, terms, _tags in rows:
        search = " | ".join([fold(name), fold(legal), fold(email), digits(phone), fold(tax)])
        db.execute(
            "INSERT INTO customers (name, name_key, legal_name, tax_id, tax_id_key, email, email_key,"
            " phone, phone_digits, contact_person, status, temperature, discount_hundredths, currency,"
            " language, account_status, registration_status, payment_terms_days, payment_methods,"
            " search_text, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, 'EUR', 'es', 'active', 'validated', ?, ?, ?, ?, ?, 1)",
            (name, fold(name), legal, tax, tax.upper(), email, fold(email), phone, digits(phone), person,
             status[st], temperature[temp], round(float(discount.replace(",", ".")) * 100),
             int(terms), json.dumps([]), search, now, now))
    db.execute("ROLLBACK" if len(sys.argv) > 4 and sys.argv[4] == "rollback" else "COMMIT")
print(f"{time.monotonic() - started:.2f}")
