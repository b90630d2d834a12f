-- Orders and quotes (F20), credit (F23), quick-order links (F21) and the customer event log
-- that the history (F8) reads. Money in minor units; times in microseconds; dates YYYY-MM-DD.

-- Per-merchant number series: 'order' gives P-000001, 'quote' gives C-000001.
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value {{BIGINT}} NOT NULL
);
INSERT INTO counters (name, value) VALUES ('order', 0), ('quote', 0);

-- The token is never stored: only its SHA-256.
CREATE TABLE quick_links (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at {{BIGINT}} NOT NULL,
  created_by {{BIGINT}} REFERENCES staff_users (id),
  expires_at {{BIGINT}},
  revoked_at {{BIGINT}},
  last_used_at {{BIGINT}},
  orders_count {{BIGINT}} NOT NULL DEFAULT 0
);
CREATE INDEX quick_links_customer ON quick_links (customer_id, id);

CREATE TABLE orders (
  id {{ID}},
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('order', 'quote')),
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id),
  contact_id {{BIGINT}},
  buyer_name TEXT,
  buyer_email TEXT,
  source TEXT NOT NULL,
  status TEXT NOT NULL,
  approval_status TEXT NOT NULL,
  currency TEXT NOT NULL,
  discount_hundredths {{BIGINT}} NOT NULL,
  subtotal_minor {{BIGINT}} NOT NULL,
  total_minor {{BIGINT}} NOT NULL,
  warehouse_id {{BIGINT}} REFERENCES warehouses (id),
  shipping_address TEXT,
  note TEXT,
  payment_status TEXT NOT NULL,
  due_date TEXT,
  placed_at {{BIGINT}} NOT NULL,
  quote_id {{BIGINT}} REFERENCES orders (id),
  converted_order_id {{BIGINT}} REFERENCES orders (id),
  quick_link_id {{BIGINT}} REFERENCES quick_links (id),
  created_by {{BIGINT}} REFERENCES staff_users (id),
  idempotency_scope TEXT,
  idempotency_key TEXT,
  request_hash TEXT,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);
CREATE INDEX orders_placed ON orders (placed_at, id);
CREATE INDEX orders_customer ON orders (customer_id, placed_at, id);
CREATE INDEX orders_contact ON orders (contact_id, placed_at, id) WHERE contact_id IS NOT NULL;
CREATE INDEX orders_status ON orders (status, placed_at, id);
-- Credit balances read only the customer's unpaid, live orders.
CREATE INDEX orders_unpaid ON orders (customer_id, due_date)
  WHERE payment_status = 'unpaid' AND kind = 'order' AND status <> 'cancelled';
-- The per-link submission limit counts a link's recent orders.
CREATE INDEX orders_quick_link ON orders (quick_link_id, placed_at) WHERE quick_link_id IS NOT NULL;
CREATE UNIQUE INDEX orders_idempotency ON orders (idempotency_scope, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

CREATE TABLE order_lines (
  order_id {{BIGINT}} NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position {{BIGINT}} NOT NULL,
  product_id {{BIGINT}} NOT NULL REFERENCES products (id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity {{BIGINT}} NOT NULL CHECK (quantity > 0),
  base_unit_price_minor {{BIGINT}} NOT NULL,
  unit_price_minor {{BIGINT}} NOT NULL,
  line_total_minor {{BIGINT}} NOT NULL,
  PRIMARY KEY (order_id, position)
);

-- What happened to a customer and its children, newest last. Issue F8 reads it.
CREATE TABLE customer_events (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id),
  type TEXT NOT NULL,
  order_id {{BIGINT}} REFERENCES orders (id),
  actor_kind TEXT NOT NULL,
  actor_id {{BIGINT}},
  actor_name TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  created_at {{BIGINT}} NOT NULL
);
CREATE INDEX customer_events_customer ON customer_events (customer_id, created_at, id);
CREATE INDEX customer_events_order ON customer_events (order_id, id) WHERE order_id IS NOT NULL;
