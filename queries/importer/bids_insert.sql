-- New grant bids (fund defaults to leadership, status to received).
-- frame incoming(reference VARCHAR, applicant_name VARCHAR, applicant_email VARCHAR, employer VARCHAR, region VARCHAR, project_title VARCHAR, fund VARCHAR, amount_requested DOUBLE, amount_awarded DOUBLE, status VARCHAR, received_on DATE, decided_on DATE, report_received BOOLEAN, notes VARCHAR)
INSERT INTO bids (reference, applicant_name, applicant_email, employer, region, project_title, fund,
    amount_requested, amount_awarded, status, received_on, decided_on, report_received, notes, updated_by)
SELECT reference, applicant_name, applicant_email, employer, region, project_title,
       coalesce(fund, 'leadership'), amount_requested, amount_awarded, coalesce(status, 'received'),
       received_on, decided_on, coalesce(report_received, false), notes, $actor
FROM incoming
