-- The messages sent about one pair (its introductions), newest first (the pair's history).
SELECT id, logged_at, actor, template, recipient, subject, status, error
FROM email_log WHERE pair_id = $pair_id ORDER BY id DESC
