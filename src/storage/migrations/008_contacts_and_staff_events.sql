-- Contacts of a customer (F10, F11): the data model the deactivation check of F14 reads.
-- Issue 5 builds the contacts API on it. access: invited | active | revoked; a contact "has
-- access" while it is invited or active.
CREATE TABLE contacts (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  first_name TEXT NOT NULL,
  last_name TEXT,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  phone TEXT,
  whatsapp TEXT,
  department TEXT,
  role TEXT CHECK (role IN ('purchasing', 'billing', 'shipping', 'support')),
  permissions TEXT NOT NULL DEFAULT '[]',
  access TEXT NOT NULL DEFAULT 'invited' CHECK (access IN ('invited', 'active', 'revoked')),
  password_hash TEXT,
  last_login_at {{BIGINT}},
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);
CREATE INDEX contacts_customer ON contacts (customer_id, id);
CREATE UNIQUE INDEX contacts_email ON contacts (email_key);
-- One purchasing contact per customer, enforced by the database.
CREATE UNIQUE INDEX contacts_one_purchasing ON contacts (customer_id) WHERE role = 'purchasing';

-- What a staff user did that is not a change to one customer (F40: exports, deletions).
CREATE TABLE staff_events (
  id {{ID}},
  staff_id {{BIGINT}} NOT NULL,
  staff_name TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  created_at {{BIGINT}} NOT NULL
);
CREATE INDEX staff_events_staff ON staff_events (staff_id, created_at, id);
