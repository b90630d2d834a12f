-- Catalogue (F17): product types, warehouses, products with a price per currency, stock.
CREATE TABLE product_types (
  id {{ID}},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);

CREATE TABLE warehouses (
  id {{ID}},
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);

CREATE TABLE products (
  id {{ID}},
  sku TEXT NOT NULL,
  sku_key {{KEY_TEXT}} NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key {{KEY_TEXT}} NOT NULL,
  product_type_id {{BIGINT}} REFERENCES product_types (id),
  external_id TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);
CREATE INDEX products_type ON products (product_type_id, sku_key);
CREATE INDEX products_name ON products (name_key, id);

-- Amounts in the currency's minor unit, never negative.
CREATE TABLE product_prices (
  product_id {{BIGINT}} NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  amount_minor {{BIGINT}} NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (product_id, currency)
);

CREATE TABLE stock (
  product_id {{BIGINT}} NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  warehouse_id {{BIGINT}} NOT NULL REFERENCES warehouses (id),
  quantity {{BIGINT}} NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (product_id, warehouse_id)
);
CREATE INDEX stock_warehouse ON stock (warehouse_id, product_id);
