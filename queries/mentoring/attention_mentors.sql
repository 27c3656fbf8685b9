-- A cohort's mentors holding more pairs on $as_of than their capacity (proposed, or active then).
WITH held AS (
    SELECT mentor_id, count(*) AS used
    FROM pairs
    WHERE cohort_id = $cohort
      AND (status = 'proposed'
           OR (pair_formed(status)
               AND coalesce(started_on, $as_of) <= $as_of
               AND (status = 'active' OR ended_on > $as_of)))
    GROUP BY mentor_id
)
SELECT p.id AS mentor_id, per.full_name AS mentor_name, per.email AS mentor_email,
       coalesce(p.capacity, 1) AS capacity, held.used
FROM participants p
JOIN people per ON per.id = p.person_id
JOIN held ON held.mentor_id = p.id
WHERE p.cohort_id = $cohort AND p.role = 'mentor' AND held.used > coalesce(p.capacity, 1)
ORDER BY per.full_name
