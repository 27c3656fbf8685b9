-- A bid's payment schedule, in order of the due date.
SELECT id, reference, amount, due_on, paid_on, created_by, created_at
FROM bid_payments
WHERE bid_id = $bid_id
ORDER BY due_on, id
