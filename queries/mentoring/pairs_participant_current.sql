-- The current (proposed or active) pair a participant is in, as mentor or mentee.
SELECT id AS pair_id, mentor_id, mentee_id, status
FROM pairs
WHERE (mentor_id = $participant_id OR mentee_id = $participant_id)
  AND status IN ('proposed', 'active')
ORDER BY id DESC
LIMIT 1
