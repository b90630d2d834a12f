-- Messaging (F25, F26): the outbox carries every channel. A message is one row for one
-- recipient: email (to_address is the email) or WhatsApp (to_address is the E.164 number, the
-- rendered template parameters in payload). A composed send to several recipients shares
-- batch_id (the id of its first row). Status grows delivered and read (WhatsApp status
-- updates); provider_message_id is the id the WhatsApp API gave, to match them.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with the same rows.
CREATE TABLE mail_outbox_016 (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'whatsapp')),
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL,
  template TEXT NOT NULL,
  template_id INTEGER,
  from_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  payload TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  message_id TEXT NOT NULL UNIQUE,
  batch_id INTEGER,
  sent_by INTEGER,
  sent_by_name TEXT,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claim_token TEXT,
  last_error TEXT,
  provider_message_id TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  delivered_at INTEGER,
  read_at INTEGER
);
INSERT INTO mail_outbox_016 (id, customer_id, contact_id, to_address, to_name, language, template,
  from_name, subject, body_text, body_html, message_id, batch_id, status, attempts,
  next_attempt_at, claim_token, last_error, created_at, sent_at)
SELECT id, customer_id, contact_id, to_address, to_name, language, template, from_name, subject,
  body_text, body_html, message_id, id, status, attempts, next_attempt_at, claim_token,
  last_error, created_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_016 RENAME TO mail_outbox;
-- The senders' queues: only queued messages, per channel, in the order they fall due.
CREATE INDEX mail_outbox_due ON mail_outbox (channel, next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX mail_outbox_customer ON mail_outbox (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX mail_outbox_contact ON mail_outbox (contact_id, id) WHERE contact_id IS NOT NULL;
CREATE INDEX mail_outbox_provider ON mail_outbox (provider_message_id)
  WHERE provider_message_id IS NOT NULL;
-- The messages of one composed send (read back right after it is queued).
CREATE INDEX mail_outbox_batch ON mail_outbox (batch_id);

-- Message templates (F25): per channel and language; WhatsApp ones name the template approved
-- in WhatsApp Business.
CREATE TABLE message_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'whatsapp')),
  language TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  provider_template_name TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX message_templates_list ON message_templates (channel, language, name, id);

-- The country phone numbers are read in (ISO 3166-1 alpha-2; NULL: the store's default).
ALTER TABLE customers ADD COLUMN country TEXT;
ALTER TABLE contacts ADD COLUMN country TEXT;

-- Each contact's history: the contact an event concerns. customers::RecordEvent sets it from
-- the event's data (contact_id), a contact actor, or the order's contact; the backfill applies
-- the same rules to the rows written before.
ALTER TABLE customer_events ADD COLUMN contact_id INTEGER;
UPDATE customer_events SET contact_id = COALESCE(
  CAST(json_extract(data, '$.contact_id') AS INTEGER),
  CASE WHEN actor_kind = 'contact' THEN actor_id END,
  (SELECT contact_id FROM orders WHERE orders.id = customer_events.order_id));
CREATE INDEX customer_events_contact ON customer_events (contact_id, created_at, id)
  WHERE contact_id IS NOT NULL;
