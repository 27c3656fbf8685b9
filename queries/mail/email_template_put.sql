-- Save a staff edit of an email template.
INSERT OR REPLACE INTO email_templates (name, subject, body, updated_at, updated_by)
VALUES ($template_name, $subject, $body, current_timestamp, $actor)
