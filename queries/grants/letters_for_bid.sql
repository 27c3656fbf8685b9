-- Every decision letter logged for one bid, newest first (sent, written or failed).
SELECT logged_at, template, recipient, subject, status, error, actor
FROM email_log
WHERE bid_id = $bid_id
ORDER BY id DESC
