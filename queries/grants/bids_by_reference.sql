-- One bid's id, fund and amounts by its reference (case-insensitive).
SELECT id, reference, fund, amount_requested, amount_awarded, status
FROM bids
WHERE lower(reference) = lower(trim($bid_reference))
