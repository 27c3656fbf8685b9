-- Staff accept a suggestion into the directory, or decline it.
UPDATE suggestions
SET status = $suggestion_status, decided_by = $actor, decided_at = current_timestamp, entry_id = $entry_id
WHERE id = $suggestion_id AND status = 'pending'
