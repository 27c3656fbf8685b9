-- Known bids (same reference) take the file's non-empty values; the version moves on.
-- frame incoming(existing_id BIGINT, applicant_name VARCHAR, applicant_email VARCHAR, employer VARCHAR, region VARCHAR, project_title VARCHAR, fund VARCHAR, amount_requested DOUBLE, amount_awarded DOUBLE, status VARCHAR, received_on DATE, decided_on DATE, report_received BOOLEAN, notes VARCHAR)
UPDATE bids SET
    applicant_name = coalesce(i.applicant_name, bids.applicant_name),
    applicant_email = coalesce(i.applicant_email, bids.applicant_email),
    employer = coalesce(i.employer, bids.employer),
    region = coalesce(i.region, bids.region),
    project_title = coalesce(i.project_title, bids.project_title),
    fund = coalesce(i.fund, bids.fund),
    amount_requested = coalesce(i.amount_requested, bids.amount_requested),
    amount_awarded = coalesce(i.amount_awarded, bids.amount_awarded),
    status = coalesce(i.status, bids.status),
    received_on = coalesce(i.received_on, bids.received_on),
    decided_on = coalesce(i.decided_on, bids.decided_on),
    report_received = coalesce(i.report_received, bids.report_received),
    notes = coalesce(i.notes, bids.notes),
    version = bids.version + 1,
    updated_at = current_timestamp,
    updated_by = $actor
FROM incoming i
WHERE bids.id = i.existing_id
