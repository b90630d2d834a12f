-- Contacts' accounts (F10, F11, F22): their language, a name key for the list order, their
-- tokens (portal sessions, invitations, password resets; only SHA-256 hashes are stored) and
-- their favourite products.
ALTER TABLE contacts ADD COLUMN language TEXT;
ALTER TABLE contacts ADD COLUMN name_key {{KEY_TEXT}} NOT NULL DEFAULT '';
CREATE INDEX contacts_customer_name ON contacts (customer_id, name_key, id);

CREATE TABLE contact_tokens (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  contact_id {{BIGINT}} NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('session', 'invitation', 'password_reset')),
  csrf_hash TEXT,
  created_at {{BIGINT}} NOT NULL,
  expires_at {{BIGINT}} NOT NULL,
  last_used_at {{BIGINT}}
);
CREATE INDEX contact_tokens_contact ON contact_tokens (contact_id, purpose);

CREATE TABLE contact_favorites (
  contact_id {{BIGINT}} NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  product_id {{BIGINT}} NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  created_at {{BIGINT}} NOT NULL,
  PRIMARY KEY (contact_id, product_id)
) {{WITHOUT_ROWID}};
