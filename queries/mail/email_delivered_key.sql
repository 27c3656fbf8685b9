-- How one message fared last (sent, written or failed), by its key.
SELECT status FROM email_log WHERE message_key = $message_key ORDER BY id DESC LIMIT 1
