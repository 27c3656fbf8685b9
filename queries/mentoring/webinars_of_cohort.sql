-- A cohort's sessions (webinars), in order, with how many attended.
SELECT s.id AS session_id, s.cohort_id, s.title, s.kind, s.starts_at, s.ends_at, s.join_url,
       s.notes, (SELECT count(*) FROM attendance a WHERE a.session_id = s.id) AS attended
FROM sessions s
WHERE s.cohort_id = $cohort
ORDER BY s.starts_at, s.id
