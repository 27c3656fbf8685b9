-- Staff close a rematch request (re-paired, or talked it through).
UPDATE rematch_requests SET closed_at = current_timestamp, closed_by = $actor
WHERE id = $request_id AND closed_at IS NULL
RETURNING participant_id
