-- Placing an order sums the customer's unpaid orders for the credit check. With the amounts,
-- dates and the filtered columns in the index, the sum never reads the order rows: its cost no
-- longer grows with the size of each row (measured: 2.4 ms for 961 unpaid orders before).
DROP INDEX orders_unpaid;
CREATE INDEX orders_unpaid ON orders
  (customer_id, currency, approval_status, due_date, total_minor, payment_status, kind, status)
  WHERE payment_status = 'unpaid' AND kind = 'order' AND status <> 'cancelled';
