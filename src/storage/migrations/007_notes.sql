-- Notes on a customer (F6). priority_rank orders high (0), medium (1), none (2).
CREATE TABLE notes (
  id {{ID}},
  customer_id {{BIGINT}} NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'none')),
  priority_rank {{BIGINT}} NOT NULL,
  author_id {{BIGINT}},
  author_name TEXT NOT NULL,
  created_at {{BIGINT}} NOT NULL,
  updated_at {{BIGINT}} NOT NULL,
  version {{BIGINT}} NOT NULL DEFAULT 1
);
-- The list order, and the newest note for the customer card.
CREATE INDEX notes_customer_order ON notes (customer_id, priority_rank, created_at DESC, id DESC);
CREATE INDEX notes_customer_newest ON notes (customer_id, created_at DESC, id DESC);
