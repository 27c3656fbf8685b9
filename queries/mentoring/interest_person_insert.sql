-- A new person from the register of interest.
INSERT INTO people (full_name, email, email_key, region)
VALUES ($full_name, $email, lower(trim($email)), $region)
RETURNING id
