-- The person with this email (case-insensitive), if any: a returning person is linked, not duplicated.
SELECT id, full_name, email, region FROM people WHERE email_key = $email_key
