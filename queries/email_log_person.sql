-- The messages sent to one person, newest first (the person's page).
SELECT l.id, l.logged_at, l.template, l.cohort_id, l.subject, l.status, l.error
FROM email_log l JOIN people p ON p.id = $person_id
WHERE l.person_id = $person_id OR lower(l.recipient) = p.email_key
ORDER BY l.id DESC
