-- Indexes for the lookups that would otherwise scan every order: deleting a warehouse or a
-- staff user, and a product's order lines.
CREATE INDEX orders_warehouse ON orders (warehouse_id) WHERE warehouse_id IS NOT NULL;
CREATE INDEX orders_created_by ON orders (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX quick_links_created_by ON quick_links (created_by) WHERE created_by IS NOT NULL;
CREATE INDEX order_lines_product ON order_lines (product_id);
