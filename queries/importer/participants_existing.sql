-- The cohort's current participants in the role being imported.
SELECT id AS participant_id, person_id, themes, capacity, goals, notes
FROM participants
WHERE cohort_id = $cohort AND role = $role
