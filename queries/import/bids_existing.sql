-- Stored bids whose reference the file names.
-- frame incoming_keys(reference VARCHAR)
SELECT id AS existing_id, reference, applicant_name, applicant_email, employer, region, project_title,
       fund, amount_requested, status, received_on, decided_on, amount_awarded, report_received, notes
FROM bids
WHERE reference IN (SELECT reference FROM incoming_keys)
