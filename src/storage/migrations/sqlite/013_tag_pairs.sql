-- Tags (F5), SQLite only: pair counts for the total of a list filtered by two tags.
-- (A migration of its own, so that databases that applied 011_tag_counts get it too.
-- PostgreSQL has no tag_pairs: it counts an intersection with a hash, see docs/performance.md.)
--
-- How many customers (per status) carry each pair of tags, so that the total of a list filtered
-- by two tags is one row, not an intersection of two tags' customers (120,000 each at 1M
-- customers: 50 ms of merging). Each pair is counted once, tag_id < other_tag_id, when its
-- second link is added; removed when either goes; moved when the customer changes status.
CREATE TABLE tag_pairs (
  tag_id INTEGER NOT NULL,
  other_tag_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  customer_count INTEGER NOT NULL,
  PRIMARY KEY (tag_id, other_tag_id, status)
) WITHOUT ROWID;
INSERT INTO tag_pairs (tag_id, other_tag_id, status, customer_count)
  SELECT a.tag_id, b.tag_id, a.status, COUNT(*) FROM customer_tags a
  JOIN customer_tags b ON b.customer_id = a.customer_id AND b.tag_id > a.tag_id
  GROUP BY a.tag_id, b.tag_id, a.status;

CREATE TRIGGER customer_tags_pairs_insert AFTER INSERT ON customer_tags BEGIN
  INSERT INTO tag_pairs (tag_id, other_tag_id, status, customer_count)
    SELECT min(new.tag_id, x.tag_id), max(new.tag_id, x.tag_id),
           COALESCE(new.status, (SELECT c.status FROM customers c WHERE c.id = new.customer_id)), 1
    FROM customer_tags x WHERE x.customer_id = new.customer_id AND x.tag_id <> new.tag_id
    ON CONFLICT DO UPDATE SET customer_count = customer_count + 1;
END;
CREATE TRIGGER customer_tags_pairs_delete AFTER DELETE ON customer_tags BEGIN
  UPDATE tag_pairs SET customer_count = customer_count - 1
    WHERE status = old.status AND (tag_id, other_tag_id) IN
      (SELECT min(old.tag_id, x.tag_id), max(old.tag_id, x.tag_id) FROM customer_tags x
       WHERE x.customer_id = old.customer_id AND x.tag_id <> old.tag_id);
END;
-- A status copied from the customer (customers_copy_to_tags) moves the link's pairs, each once:
-- from the link of the pair's lower tag id. (Filling a new link's status is not a move.)
CREATE TRIGGER customer_tags_pairs_status AFTER UPDATE OF status ON customer_tags
  WHEN old.status IS NOT NULL AND old.status <> new.status BEGIN
  UPDATE tag_pairs SET customer_count = customer_count - 1
    WHERE status = old.status AND tag_id = new.tag_id AND other_tag_id IN
      (SELECT x.tag_id FROM customer_tags x
       WHERE x.customer_id = new.customer_id AND x.tag_id > new.tag_id);
  INSERT INTO tag_pairs (tag_id, other_tag_id, status, customer_count)
    SELECT new.tag_id, x.tag_id, new.status, 1 FROM customer_tags x
    WHERE x.customer_id = new.customer_id AND x.tag_id > new.tag_id
    ON CONFLICT DO UPDATE SET customer_count = customer_count + 1;
END;
