-- The participant a check-in or survey link is for: only what its form needs.
SELECT pa.id, pa.person_id, pa.cohort_id, pa.role, per.full_name
FROM participants pa
JOIN people per ON per.id = pa.person_id
WHERE pa.id = $participant_id
