-- A cohort's mentees with no pair running on $as_of and none completed by then (waiting); a
-- proposed pair is named, as it is not yet running.
SELECT p.id AS mentee_id, per.full_name AS mentee_name, per.email AS mentee_email,
       (SELECT min(x.id) FROM pairs x WHERE x.mentee_id = p.id AND x.status = 'proposed')
           AS proposed_pair_id
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.cohort_id = $cohort AND p.role = 'mentee'
  AND NOT EXISTS (
      SELECT 1 FROM pairs x
      WHERE x.mentee_id = p.id
        AND pair_formed(x.status)
        AND coalesce(x.started_on, $as_of) <= $as_of
        AND (x.status IN ('active', 'completed') OR x.ended_on > $as_of))
ORDER BY per.full_name
