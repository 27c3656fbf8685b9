-- The webinars the person attended, with their titles and times.
SELECT s.id AS session_id, s.title AS session_title, s.starts_at AS session_starts_at
FROM attendance a JOIN sessions s ON s.id = a.session_id
WHERE a.person_id = $person_id
ORDER BY s.starts_at
