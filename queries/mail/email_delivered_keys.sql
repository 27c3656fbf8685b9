-- The messages already delivered (sent, or written to the outbox): a retry skips these.
SELECT DISTINCT message_key FROM email_log WHERE status IN ('sent', 'written') AND template = $template
