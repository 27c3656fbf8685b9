-- A report due and the applicant who owes it, for a grant-report link.
SELECT r.id, r.bid_id, r.kind, r.due_on, r.received_on, b.applicant_name, b.applicant_email
FROM bid_reports r
JOIN bids b ON b.id = r.bid_id
WHERE r.id = $report_id
