-- The messages sent to one person (by email, case-insensitive), newest first: the person's page.
SELECT l.logged_at, l.template, l.cohort_id, l.subject, l.status, l.error
FROM email_log l
WHERE lower(l.recipient) = $email_key
   OR l.person_id = (SELECT id FROM people WHERE email_key = $email_key)
ORDER BY l.id DESC
