-- Foundation: settings, staff, sessions and tokens, customers with their search index, tags.
-- Times are microseconds since the Unix epoch (UTC); booleans are 0/1.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES
  ('store_name', 'Cartera'), ('default_currency', 'EUR'), ('default_language', 'es'),
  ('timezone', 'Europe/Madrid'), ('registration_mode', 'validation'),
  ('price_visibility', 'signed_in'), ('alert_email', '');

CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'sales', 'viewer')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- Sessions and API tokens: only the SHA-256 of each token is kept.
CREATE TABLE auth_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api')),
  staff_id INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  name TEXT,
  csrf_hash TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX auth_tokens_staff ON auth_tokens (staff_id);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  email_key TEXT NOT NULL,
  at INTEGER NOT NULL,
  ip TEXT
);
CREATE INDEX login_failures_email_at ON login_failures (email_key, at);

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  legal_name TEXT,
  tax_id TEXT,
  external_id TEXT,
  customer_type TEXT,
  contact_person TEXT,
  email TEXT,
  email_key TEXT,
  phone TEXT,
  phone_digits TEXT,
  whatsapp TEXT,
  tax_id_key TEXT,
  status TEXT NOT NULL,
  temperature TEXT,
  discount_hundredths INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  language TEXT NOT NULL,
  account_status TEXT NOT NULL,
  registration_status TEXT NOT NULL,
  shared_account INTEGER NOT NULL DEFAULT 0,
  credit_limit_minor INTEGER,
  payment_terms_days INTEGER,
  payment_methods TEXT NOT NULL DEFAULT '[]',
  default_payment_method TEXT,
  shipping_method TEXT,
  logistics_notes TEXT,
  catalog_scope TEXT NOT NULL DEFAULT 'all',
  product_type_ids TEXT NOT NULL DEFAULT '[]',
  product_ids TEXT NOT NULL DEFAULT '[]',
  warehouse_ids TEXT NOT NULL DEFAULT '[]',
  default_warehouse_id TEXT,
  search_text TEXT NOT NULL,
  last_order_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customers_name ON customers (name_key, id);
CREATE INDEX customers_status_name ON customers (status, name_key, id);
CREATE INDEX customers_status_temperature_name ON customers (status, temperature, name_key, id);
CREATE INDEX customers_created ON customers (created_at, id);
CREATE INDEX customers_last_order ON customers ((COALESCE(last_order_at, 0)), id);
-- Possible-duplicate checks at creation.
CREATE INDEX customers_email_key ON customers (email_key);
CREATE INDEX customers_phone_digits ON customers (phone_digits);
CREATE INDEX customers_tax_id_key ON customers (tax_id_key);
CREATE UNIQUE INDEX customers_external_id ON customers (external_id) WHERE external_id IS NOT NULL;

-- Substring search over the normalised text without scanning: FTS5 with trigrams.
CREATE VIRTUAL TABLE customer_search USING fts5(
  search_text, content='customers', content_rowid='id', tokenize='trigram', detail='none');
CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text ON customers BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
  INSERT INTO customer_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE
);
CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id),
  PRIMARY KEY (customer_id, tag_id)
);
CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);
