-- Current (proposed or active) pairs of a cohort by either member's email (lower case): what a
-- "log your meeting" form's email names.
SELECT lower(per.email) AS email, pr.id AS pair_id, pr.status, pr.started_on, pr.cohort_id
FROM pairs pr
JOIN participants p ON p.id IN (pr.mentor_id, pr.mentee_id)
JOIN people per ON per.id = p.person_id
WHERE pr.cohort_id = $cohort AND pair_current(pr.status)
