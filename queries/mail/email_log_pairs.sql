-- The introductions sent to a cohort's pairs, newest first: the pairs' history.
SELECT l.pair_id, l.logged_at, l.actor, l.recipient, l.subject, l.status, l.error
FROM email_log l
WHERE l.cohort_id = $cohort_id AND l.pair_id IS NOT NULL
ORDER BY l.id DESC
LIMIT 500
