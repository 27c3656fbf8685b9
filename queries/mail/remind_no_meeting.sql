-- Both people of each active pair of a cohort with no meeting logged, with the pair's start.
WITH quiet AS (
    SELECT pr.id AS pair_id, pr.started_on, pr.mentor_id, pr.mentee_id
    FROM pairs pr
    WHERE pr.cohort_id = $cohort AND pr.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.pair_id = pr.id AND m.met_on <= $as_of)
), members AS (
    SELECT q.pair_id, q.started_on, q.mentor_id AS me, q.mentee_id AS other FROM quiet q
    UNION ALL
    SELECT q.pair_id, q.started_on, q.mentee_id, q.mentor_id FROM quiet q
)
SELECT m.pair_id, m.started_on, per.id AS person_id, per.full_name, per.email,
       oth.full_name AS other_name,
       per.id IN (SELECT person_id FROM email_opt_outs) AS opted_out
FROM members m
JOIN participants pa ON pa.id = m.me
JOIN people per ON per.id = pa.person_id
JOIN participants opa ON opa.id = m.other
JOIN people oth ON oth.id = opa.person_id
ORDER BY m.pair_id, per.full_name
