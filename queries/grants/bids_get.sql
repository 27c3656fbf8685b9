-- One bid by id, every column (for an edit and its before/after audit detail).
SELECT id, reference, applicant_name, applicant_email, employer, region, project_title, fund,
       amount_requested, amount_awarded, status, received_on, decided_on, report_received,
       notes, version
FROM bids
WHERE id = $bid_id
