-- CSV export: every grant bid.
SELECT
    reference,
    applicant_name,
    applicant_email,
    employer,
    region,
    project_title,
    fund,
    amount_requested,
    amount_awarded,
    status,
    received_on,
    decided_on,
    report_received,
    notes
FROM bids
ORDER BY received_on, reference
