-- The awarded grants to publish in 360Giving (awarded, in progress or completed), optionally
-- of one award year. Only what may be published is read: no applicant name, email, employer,
-- project title or notes. recipient_n numbers the applicant by their first bid (any status),
-- so a person with two grants keeps one anonymous identifier and it never changes.
WITH numbered AS (
    SELECT id, min(id) OVER (PARTITION BY lower(trim(applicant_email))) AS recipient_n
    FROM bids
)
SELECT b.id, b.reference, b.fund, b.region, b.amount_requested, b.amount_awarded,
       b.decided_on, b.updated_at, n.recipient_n
FROM bids b
JOIN numbered n ON n.id = b.id
WHERE b.status IN ('awarded', 'in_progress', 'completed')
  AND ($year IS NULL OR year(b.decided_on) = $year OR b.decided_on IS NULL)
ORDER BY b.decided_on NULLS FIRST, b.id
