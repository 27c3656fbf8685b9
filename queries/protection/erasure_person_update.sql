-- Anonymise a person's own row (kept, so every count stays whole).
UPDATE people
SET full_name = $erase_name, email = $erase_anon_email, email_key = $erase_anon_email,
    specialty = NULL, employer = NULL, updated_at = current_timestamp
WHERE id = $erase_person_id
