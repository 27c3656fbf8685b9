-- The person an email belongs to, for revoking their links.
SELECT id AS person_id FROM people WHERE email_key = lower(trim($email))
