-- New grant bids (fund defaults to leadership, status to received).
INSERT INTO bids (reference, applicant_name, applicant_email, employer, region, project_title, fund,
    amount_requested, amount_awarded, status, received_on, decided_on, report_received, notes, updated_by)
SELECT reference, applicant_name, applicant_email, employer, region, project_title,
       coalesce(fund, 'leadership'), amount_requested, amount_awarded, coalesce(status, 'received'),
       received_on, decided_on, coalesce(report_received, false), notes, $actor
FROM incoming
