#!/usr/bin/env python3
"""Writes the import benchmark's CSV: N new customers as a merchant's spreadsheet would hold
them (Spanish headings, `;`, UTF-8 with a byte order mark), every name unique to this file.

    bench/transfer_data.py OUT.csv [ROWS=100000] [SEED=run tag]
"""
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
tag = sys.argv[3] if len(sys.argv) > 3 else "imp"
rng = random.Random(tag)
trades = ["Ferretería", "Electricidad", "Fontanería", "Suministros", "Distribuciones", "Almacenes",
          "Maderas", "Pinturas", "Iluminación", "Bazar"]
places = ["Núñez", "del Sur", "Castilla", "Levante", "Atlántico", "Ebro", "Sierra", "Bahía"]
forms = ["S.L.", "S.A.", "S.C.", "Hermanos"]
people = ["Ana García", "Luis Pérez", "Marta Ruiz", "Jorge Díaz", "Lucía Gómez", "Íñigo Sáez"]
temperatures = ["Caliente", "Tibio", "Frío", ""]
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("\ufeff")
    f.write("Nombre;Razón social;NIF;Correo;Teléfono;Persona de contacto;Estado;Temperatura;"
            "Descuento;Plazo de pago;Etiquetas\r\n")
    for i in range(rows):
        trade, place = rng.choice(trades), rng.choice(places)
        name = f"{trade} {place} {tag}-{i:06d}"
        slug = f"{tag}{i}".lower()
        discount = rng.choice(["0", "5", "7,5", "10", "12,5"])
        f.write(";".join([
            name,
            f"{name} {rng.choice(forms)}",
            f"B{rng.randrange(10_000_000, 99_999_999)}",
            f"compras.{slug}@cliente.example",
            f"+34 6{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
            rng.choice(people),
            rng.choice(["Actual", "Actual", "Potencial"]),
            rng.choice(temperatures),
            f'"{discount}"' if "," in discount else discount,
            rng.choice(["0", "30", "60", "90"]),
            rng.choice(["mayorista", "minorista", "mayorista, norte", "importado"]),
        ]) + "\r\n")
