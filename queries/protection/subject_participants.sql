-- The person's places in cohorts (participants.id), and the pairs they are part of.
SELECT pa.id AS participant_id, pr.id AS pair_id
FROM participants pa
LEFT JOIN pairs pr ON pr.mentor_id = pa.id OR pr.mentee_id = pa.id
WHERE pa.person_id = $person_id
ORDER BY pa.id, pr.id
