-- Addresses of a customer (F7). kind: shipping | billing | both (a "both" address serves both
-- purposes). At most one default per purpose, enforced here by the two partial unique indexes,
-- which also answer "the customer's default shipping address" for every customer in a list.
CREATE TABLE addresses (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('shipping', 'billing', 'both')),
  label TEXT,
  line1 TEXT NOT NULL,
  line2 TEXT,
  city TEXT NOT NULL,
  region TEXT,
  postal_code TEXT,
  country TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);
-- The customer's list (defaults first, then in the order they were added).
CREATE INDEX addresses_customer ON addresses (customer_id, is_default DESC, created_at, id);
CREATE UNIQUE INDEX addresses_default_shipping ON addresses (customer_id)
  WHERE is_default = 1 AND kind IN ('shipping', 'both');
CREATE UNIQUE INDEX addresses_default_billing ON addresses (customer_id)
  WHERE is_default = 1 AND kind IN ('billing', 'both');
