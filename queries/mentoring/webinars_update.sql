-- Edit a session's title, times and joining link.
UPDATE sessions SET title = $title, starts_at = $starts_at, ends_at = $ends_at, join_url = $join_url
WHERE id = $session_id
