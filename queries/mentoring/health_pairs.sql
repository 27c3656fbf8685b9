-- Formed pairs (active, completed, ended early) started by $as_of, with their meetings by then
-- and the days they had run by then (to their end, the cohort's end or $as_of, the earliest).
-- $cohort NULL means every cohort. Aggregated by casson.health: no personal data leaves.
SELECT
    pr.id AS pair_id,
    pr.cohort_id,
    (SELECT count(*) FROM meetings m WHERE m.pair_id = pr.id AND m.met_on <= $as_of) AS meetings,
    date_diff('day', greatest(pr.started_on, coalesce(c.starts_on, pr.started_on)),
              least($as_of, coalesce(pr.ended_on, $as_of), coalesce(c.ends_on, $as_of))) AS days_run
FROM pairs pr
JOIN cohorts c ON c.id = pr.cohort_id
WHERE ($cohort IS NULL OR pr.cohort_id = $cohort)
  AND pair_formed(pr.status)
  AND pr.started_on IS NOT NULL AND pr.started_on <= $as_of
