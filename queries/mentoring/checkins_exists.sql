-- Is this check-in (participant, submitted at) already stored?
SELECT id FROM checkins WHERE participant_id = $participant_id AND submitted_at = $submitted_at
