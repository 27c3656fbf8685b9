-- A person updates their own details through their link.
UPDATE people SET region = $region, employer = $employer, specialty = $specialty,
    updated_at = current_timestamp
WHERE id = $person_id
