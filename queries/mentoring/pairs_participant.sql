-- One participant (a mentor or mentee of one cohort) with the person's name and email.
SELECT p.id, p.person_id, p.cohort_id, p.role, coalesce(p.capacity, 1) AS capacity,
       per.full_name, per.email
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.id = $participant_id
