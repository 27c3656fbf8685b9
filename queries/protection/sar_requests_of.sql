-- One address's subject access requests (their own log rows are data about them).
SELECT id FROM subject_access_requests WHERE email_key = $email_key ORDER BY id
