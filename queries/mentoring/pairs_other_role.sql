-- The same person's participation in the cohort under the other role (none when the rule holds):
-- a person is never both a mentor and a mentee of one cohort.
SELECT p.id, p.role
FROM participants p
WHERE p.person_id = (SELECT person_id FROM participants WHERE id = $participant_id)
  AND p.cohort_id = (SELECT cohort_id FROM participants WHERE id = $participant_id)
  AND p.id <> $participant_id
