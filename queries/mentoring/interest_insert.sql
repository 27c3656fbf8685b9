-- Add one entry to the register of interest.
INSERT INTO interest (full_name, email, email_key, region, role_wanted, cohort_wanted, source,
                      consent, registered_on, status, person_id, from_cohort, notes, import_id,
                      updated_by)
VALUES ($full_name, $email, lower(trim($email)), $region, $role_wanted, $cohort_wanted, $source,
        $consent, $registered_on, $interest_status, $person_id, $from_cohort, $notes, $import_id, $actor)
RETURNING id
