-- CSV export: who attended which session.
SELECT s.title AS session, s.starts_at, per.email
FROM attendance a
JOIN sessions s ON s.id = a.session_id
JOIN people per ON per.id = a.person_id
ORDER BY s.starts_at, per.email_key
