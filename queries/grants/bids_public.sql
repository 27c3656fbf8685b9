-- Bids page (trustees): the columns aggregates need, and no personal data (no applicant
-- name, email, employer, project title or notes).
SELECT id, reference, region, fund, amount_requested, amount_awarded, status, received_on,
       decided_on, report_received
FROM bids
ORDER BY received_on DESC NULLS LAST, reference
