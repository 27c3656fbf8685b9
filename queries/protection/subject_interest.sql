-- The person's entries on the register of interest: by their email, or linked to them.
SELECT id, full_name, email FROM interest
WHERE email_key = $erase_email OR ($person_id IS NOT NULL AND person_id = $person_id)
ORDER BY id
