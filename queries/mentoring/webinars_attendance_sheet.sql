-- A session's register: every participant of its cohort, ticked when they attended.
SELECT p.person_id, per.full_name, per.email, string_agg(DISTINCT p.role, ', ') AS role,
       bool_or(a.person_id IS NOT NULL) AS attended
FROM sessions s
JOIN participants p ON p.cohort_id = s.cohort_id
JOIN people per ON per.id = p.person_id
LEFT JOIN attendance a ON a.session_id = s.id AND a.person_id = p.person_id
WHERE s.id = $session_id
GROUP BY p.person_id, per.full_name, per.email
ORDER BY per.full_name, p.person_id
