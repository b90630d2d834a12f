-- Tags (F5). Kept up to date by triggers, so that every writer (a customer's save, the bulk
-- action, import, deletion's cascade) stays correct without knowing about them:
-- * tags.customer_count: how many customers carry the tag, for suggestions ordered by use
--   without counting customer_tags at request time;
-- * customer_tags.name_key and .status: the customer's sort key and section beside each tag
--   link, so that the list filtered by tags walks one tag's customers already in name order
--   (and within one status section: the customers page shows current and potential apart),
--   and counts an intersection of tags by merging two index ranges, without reading customers.
ALTER TABLE tags ADD COLUMN customer_count INTEGER NOT NULL DEFAULT 0;
UPDATE tags SET customer_count = (SELECT COUNT(*) FROM customer_tags ct WHERE ct.tag_id = tags.id);

ALTER TABLE customer_tags ADD COLUMN name_key TEXT;
ALTER TABLE customer_tags ADD COLUMN status TEXT;
UPDATE customer_tags SET (name_key, status) =
  (SELECT c.name_key, c.status FROM customers c WHERE c.id = customer_tags.customer_id);
CREATE INDEX customer_tags_tag_name ON customer_tags (tag_id, name_key, customer_id);
CREATE INDEX customer_tags_tag_status_name ON customer_tags (tag_id, status, name_key, customer_id);

CREATE TRIGGER customer_tags_count_insert AFTER INSERT ON customer_tags BEGIN
  UPDATE tags SET customer_count = customer_count + 1 WHERE id = new.tag_id;
END;
CREATE TRIGGER customer_tags_count_delete AFTER DELETE ON customer_tags BEGIN
  UPDATE tags SET customer_count = customer_count - 1 WHERE id = old.tag_id;
END;
-- A link inserted without them (a customer's own save) copies them from the customer.
CREATE TRIGGER customer_tags_copy_insert AFTER INSERT ON customer_tags
  WHEN new.name_key IS NULL OR new.status IS NULL BEGIN
  UPDATE customer_tags SET (name_key, status) =
    (SELECT c.name_key, c.status FROM customers c WHERE c.id = new.customer_id)
    WHERE customer_id = new.customer_id AND tag_id = new.tag_id;
END;
CREATE TRIGGER customers_copy_to_tags AFTER UPDATE OF name_key, status ON customers
  WHEN old.name_key <> new.name_key OR old.status <> new.status BEGIN
  UPDATE customer_tags SET name_key = new.name_key, status = new.status
    WHERE customer_id = new.id;
END;
