-- Tags (F5). Kept up to date by triggers, so that every writer (a customer's save, the bulk
-- action, import, deletion) stays correct without knowing about them:
-- * tags.customer_count: how many customers carry the tag, for suggestions ordered by use
--   without counting customer_tags at request time;
-- * customer_tags.name_key and .status: the customer's sort key and section beside each tag
--   link, so that the list filtered by tags walks one tag's customers already in name order
--   (and within one status section: the customers page shows current and potential apart),
--   and counts an intersection of tags from two index ranges, without reading customers.
-- Tag keys compare in byte order, as customers.name_key, so a prefix is an index range.
ALTER TABLE tags ALTER COLUMN name_key TYPE TEXT COLLATE "C";
ALTER TABLE tags ADD COLUMN customer_count BIGINT NOT NULL DEFAULT 0;
UPDATE tags t SET customer_count = (SELECT COUNT(*) FROM customer_tags ct WHERE ct.tag_id = t.id);

ALTER TABLE customer_tags ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE customer_tags ADD COLUMN status TEXT;
UPDATE customer_tags ct SET name_key = c.name_key, status = c.status
  FROM customers c WHERE c.id = ct.customer_id;
CREATE INDEX customer_tags_tag_name ON customer_tags (tag_id, name_key, customer_id);
CREATE INDEX customer_tags_tag_status_name ON customer_tags (tag_id, status, name_key, customer_id);

-- Counting without deadlocks. A count kept in the tag row is a lock on that row until commit,
-- and transactions that add several tags one statement at a time (a customer's save) would
-- take those locks in different orders. So each statement only notes its changes in a
-- transaction-local setting (no lock), and one deferred trigger applies the sum at commit,
-- locking the tag rows in id order: every transaction locks tags last and in the same order.
CREATE FUNCTION tag_count_changes_note(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('cartera.tag_count_changes', (
    SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb)::text FROM (
      SELECT k, SUM(n) AS n FROM (
        SELECT key AS k, value::bigint AS n FROM jsonb_each_text(COALESCE(
          NULLIF(current_setting('cartera.tag_count_changes', true), ''), '{}')::jsonb)
        UNION ALL
        SELECT key, value::bigint FROM jsonb_each_text(changes)) c
      GROUP BY k) s), true);
END $$;
CREATE FUNCTION customer_tags_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tag_count_changes_note((SELECT jsonb_object_agg(tag_id, n)
    FROM (SELECT tag_id, COUNT(*) AS n FROM inserted_links GROUP BY tag_id) d));
  RETURN NULL;
END $$;
CREATE FUNCTION customer_tags_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tag_count_changes_note((SELECT jsonb_object_agg(tag_id, -n)
    FROM (SELECT tag_id, COUNT(*) AS n FROM deleted_links GROUP BY tag_id) d));
  RETURN NULL;
END $$;
CREATE TRIGGER customer_tags_count_insert AFTER INSERT ON customer_tags
  REFERENCING NEW TABLE AS inserted_links
  FOR EACH STATEMENT EXECUTE FUNCTION customer_tags_count_insert();
CREATE TRIGGER customer_tags_count_delete AFTER DELETE ON customer_tags
  REFERENCING OLD TABLE AS deleted_links
  FOR EACH STATEMENT EXECUTE FUNCTION customer_tags_count_delete();

-- At commit, once per changed link; the first call applies everything and empties the note.
CREATE FUNCTION customer_tags_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := current_setting('cartera.tag_count_changes', true);
BEGIN
  IF changes IS NULL OR changes IN ('', '{}') THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('cartera.tag_count_changes', '', true);
  PERFORM 1 FROM tags
    WHERE id IN (SELECT key::bigint FROM jsonb_each_text(changes::jsonb) WHERE value::bigint <> 0)
    ORDER BY id FOR NO KEY UPDATE;
  UPDATE tags t SET customer_count = t.customer_count + c.n
    FROM (SELECT key::bigint AS id, value::bigint AS n FROM jsonb_each_text(changes::jsonb)) c
    WHERE t.id = c.id AND c.n <> 0;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER customer_tags_count_apply AFTER INSERT OR DELETE ON customer_tags
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION customer_tags_count_apply();

-- A link inserted without them (a customer's own save) copies them from the customer.
CREATE FUNCTION customer_tags_copy_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name_key IS NULL OR NEW.status IS NULL THEN
    SELECT c.name_key, c.status INTO NEW.name_key, NEW.status
      FROM customers c WHERE c.id = NEW.customer_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customer_tags_copy_insert BEFORE INSERT ON customer_tags
  FOR EACH ROW EXECUTE FUNCTION customer_tags_copy_insert();

CREATE FUNCTION customers_copy_to_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customer_tags SET name_key = NEW.name_key, status = NEW.status
    WHERE customer_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_copy_to_tags AFTER UPDATE OF name_key, status ON customers
  FOR EACH ROW
  WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION customers_copy_to_tags();
