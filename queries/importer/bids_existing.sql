-- Stored bids whose reference the file names, with what is scheduled to be paid on each and
-- whether a final report it owes is outstanding (casson.bid_imports checks both).
-- frame incoming_keys(reference VARCHAR)
SELECT id AS existing_id, reference, applicant_name, applicant_email, employer, region, project_title,
       fund, amount_requested, status, received_on, decided_on, amount_awarded, report_received, notes,
       (SELECT coalesce(sum(p.amount), 0) FROM bid_payments p WHERE p.bid_id = bids.id) AS scheduled,
       (SELECT count(*) FROM bid_reports r WHERE r.bid_id = bids.id AND r.kind = 'final'
                                             AND r.received_on IS NULL) > 0 AS final_outstanding
FROM bids
WHERE reference IN (SELECT reference FROM incoming_keys)
