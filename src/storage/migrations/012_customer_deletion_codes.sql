-- Two-step customer deletion (F3): the confirmation code a staff user asked for, one per
-- customer (a new request replaces the old). Only the code's SHA-256 is kept; it is valid until
-- expires_at, used once, and burnt after 5 wrong tries.
CREATE TABLE customer_deletion_codes (
  customer_id {{BIGINT}} PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  staff_id {{BIGINT}} NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  created_at {{BIGINT}} NOT NULL,
  expires_at {{BIGINT}} NOT NULL
);
