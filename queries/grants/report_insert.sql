-- Expect a report of a funded bid by a date.
INSERT INTO bid_reports (bid_id, reference, kind, due_on, created_by)
VALUES ($bid_id, $bid_reference, $report_kind, $report_due_on, $actor)
RETURNING id
