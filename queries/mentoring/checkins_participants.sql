-- A cohort's participants by email (lower case), for check-ins and attendance ticks.
SELECT lower(per.email) AS email, p.id AS participant_id, p.person_id, p.role, per.full_name
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.cohort_id = $cohort
ORDER BY per.full_name
