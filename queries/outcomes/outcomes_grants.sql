-- Grants decided in one calendar year: amount awarded, number of awards and decisions (withdrawn bids are not decisions).
SELECT
    coalesce(sum(amount_awarded) FILTER (WHERE status IN ('awarded', 'in_progress', 'completed')), 0) AS awarded_gbp,
    count(*) FILTER (WHERE status IN ('awarded', 'in_progress', 'completed')) AS awards,
    count(*) FILTER (WHERE status IN ('awarded', 'in_progress', 'completed', 'declined')) AS decisions,
    (SELECT count(*) FROM bids WHERE year(received_on) = $year) AS received
FROM bids
WHERE year(decided_on) = $year
