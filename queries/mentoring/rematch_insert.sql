-- A request for a new match.
INSERT INTO rematch_requests (cohort_id, participant_id, pair_id, reason, source)
VALUES ($cohort, $participant_id, $pair_id, $reason, $source)
RETURNING id
