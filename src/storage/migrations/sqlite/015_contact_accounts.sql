-- Contacts' accounts (F10, F11, F22): their language, a name key for the list order, their
-- tokens (portal sessions, invitations, password resets; only SHA-256 hashes are stored) and
-- their favourite products.
ALTER TABLE contacts ADD COLUMN language TEXT;
ALTER TABLE contacts ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_customer_name ON contacts (customer_id, name_key, id);

CREATE TABLE contact_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('session', 'invitation', 'password_reset')),
  csrf_hash TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX contact_tokens_contact ON contact_tokens (contact_id, purpose);

CREATE TABLE contact_favorites (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (contact_id, product_id)
) WITHOUT ROWID;
