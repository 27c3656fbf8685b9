-- The person to erase, by normalised email.
SELECT id, full_name, email FROM people WHERE email_key = $erase_email
