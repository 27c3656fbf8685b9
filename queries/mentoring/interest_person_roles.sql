-- The roles a person already holds in a cohort (at most one, by the one-role-per-cohort rule).
SELECT id, role FROM participants WHERE person_id = $person_id AND cohort_id = $cohort_id
