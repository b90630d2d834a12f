-- History (F8): each event's kind (created, updated, login, note, comment, attachment, message,
-- order, status) in a column, so that filtering the timeline by kind reads an index instead of
-- every event of the customer. customers::RecordEvent sets it from the type (EventKind); this
-- backfill applies the same rules to the rows written before.
ALTER TABLE customer_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'updated';
UPDATE customer_events SET kind = CASE
  WHEN substr(type, 1, 6) = 'order_' OR substr(type, 1, 6) = 'quote_' THEN 'order'
  WHEN substr(type, 1, 5) = 'note_' THEN 'note'
  WHEN type = 'customer_created' THEN 'created'
  WHEN type = 'customer_status_changed' THEN 'status'
  WHEN substr(type, 1, 8) = 'comment_' THEN 'comment'
  WHEN substr(type, 1, 11) = 'attachment_' THEN 'attachment'
  WHEN substr(type, 1, 5) = 'login' OR substr(type, 1, 13) = 'contact_login'
    OR substr(type, 1, 14) = 'contact_access' OR substr(type, 1, 15) = 'contacts_access'
    OR type = 'contacts_revoked' THEN 'login'
  WHEN substr(type, 1, 8) = 'message_' THEN 'message'
  ELSE 'updated'
END;
-- The timeline newest first, one kind at a time (customer_events_customer serves it unfiltered).
CREATE INDEX customer_events_kind ON customer_events (customer_id, kind, created_at, id);

-- Files attached to a customer (F9). The bytes live on disk, content-addressed under the data
-- directory (attachments/<sha256[0:2]>/<sha256>), so identical content is stored once; this row
-- is the record: the sanitised name, the type sniffed from the content, size and SHA-256.
CREATE TABLE attachments (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size {{BIGINT}} NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by {{BIGINT}},
  uploaded_by_name TEXT NOT NULL,
  created_at {{BIGINT}} NOT NULL
);
CREATE INDEX attachments_customer ON attachments (customer_id, created_at, id);
CREATE INDEX attachments_sha256 ON attachments (sha256);
