-- One session.
SELECT id AS session_id, cohort_id, title, kind, starts_at, ends_at, join_url, notes
FROM sessions WHERE id = $session_id
