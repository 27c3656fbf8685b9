-- The people an import's emails already belong to (matched on the lower-case email key).
-- frame incoming_keys(email_key VARCHAR)
SELECT id AS person_id, email_key, full_name, region, career_stage, specialty, employer
FROM people
WHERE email_key IN (SELECT email_key FROM incoming_keys)
