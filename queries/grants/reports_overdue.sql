-- Reports not received by their due date (as of a date), oldest first, for bids still live.
SELECT r.id, r.reference, b.project_title, b.applicant_name, r.kind, r.due_on,
       date_diff('day', r.due_on, CAST($as_of AS DATE)) AS days_overdue, b.status
FROM bid_reports r
JOIN bids b ON b.id = r.bid_id
WHERE r.received_on IS NULL AND r.due_on < CAST($as_of AS DATE) AND b.status <> 'withdrawn'
ORDER BY r.due_on, r.reference
