-- A participant's open request for a new match, if any.
SELECT id FROM rematch_requests WHERE participant_id = $participant_id AND closed_at IS NULL
