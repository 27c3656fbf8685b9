-- Grant reports not yet received, with the applicant who owes each.
SELECT r.id AS report_id, r.kind, r.due_on, b.reference, b.applicant_name, b.applicant_email
FROM bid_reports r
JOIN bids b ON b.id = r.bid_id
WHERE r.received_on IS NULL
ORDER BY r.due_on, r.id
