-- The state of bids as their history records it (no applicant details), for an import's
-- bid_events rows: before the import writes (by id) and after (by reference).
-- frame incoming_keys(reference VARCHAR)
SELECT id, reference, status, amount_requested, amount_awarded, report_received, decided_on, notes
FROM bids
WHERE reference IN (SELECT reference FROM incoming_keys)
