-- Enrol a person from the register in a cohort (mentors take one mentee until staff say otherwise).
INSERT INTO participants (person_id, cohort_id, role, capacity, notes)
VALUES ($person_id, $enrol_cohort, $role, CASE WHEN $role = 'mentor' THEN 1 END, $notes)
RETURNING id
