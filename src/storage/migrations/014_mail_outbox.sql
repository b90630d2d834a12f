-- Outgoing email (F27): a durable outbox. A message is inserted in the same transaction as the
-- change that causes it, so it exists if and only if that change commits; the sender of each
-- server process claims due messages, delivers them over SMTP and records the outcome.
--
-- status: queued (waiting, or being delivered) | sent | failed (rejected for good, or out of
-- attempts). A queued message is due when next_attempt_at has passed. Claiming a message
-- moves next_attempt_at forward by a lease and sets claim_token, so that a second sender
-- (another process on the same PostgreSQL database) skips it; if the claiming process dies,
-- the message is due again when the lease runs out. Marking it sent or rescheduling it
-- requires the same claim_token.
--
-- customer_id cascades like every other child of a customer: deleting a customer deletes the
-- mail about it (and a message still queued is then never sent). contact_id is only set to
-- NULL when a contact is deleted: what was sent stays in the customer's list of messages.
-- Both are real foreign keys, so a customer created later with a reused id (SQLite reuses
-- the highest rowid) never inherits someone else's mail.
CREATE TABLE mail_outbox (
  id {{ID}},
  customer_id {{BIGINT}} REFERENCES customers (id) ON DELETE CASCADE,
  contact_id {{BIGINT}} REFERENCES contacts (id) ON DELETE SET NULL,
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL,
  template TEXT NOT NULL,
  from_name TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts {{BIGINT}} NOT NULL DEFAULT 0,
  next_attempt_at {{BIGINT}} NOT NULL,
  claim_token TEXT,
  last_error TEXT,
  created_at {{BIGINT}} NOT NULL,
  sent_at {{BIGINT}}
);
-- The senders' queue: only queued messages, in the order they fall due.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE status = 'queued';
-- A customer's messages, newest first.
CREATE INDEX mail_outbox_customer ON mail_outbox (customer_id, id) WHERE customer_id IS NOT NULL;
-- For ON DELETE SET NULL when a contact is deleted.
CREATE INDEX mail_outbox_contact ON mail_outbox (contact_id) WHERE contact_id IS NOT NULL;
