-- The reports a funded bid owes, in order of the due date.
SELECT id, reference, kind, due_on, received_on, outcome, created_by, created_at
FROM bid_reports
WHERE bid_id = $bid_id
ORDER BY due_on, id
