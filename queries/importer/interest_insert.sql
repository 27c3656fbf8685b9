-- New registrations on the register of interest, status new.
-- frame incoming(full_name VARCHAR, email VARCHAR, region VARCHAR, role_wanted VARCHAR, cohort_wanted VARCHAR, consent BOOLEAN, source VARCHAR, registered_on DATE, notes VARCHAR)
INSERT INTO interest (full_name, email, email_key, region, role_wanted, cohort_wanted, source, consent,
                      registered_on, notes, status, updated_by)
SELECT full_name, email, lower(trim(email)), region, role_wanted, coalesce(cohort_wanted, 'future'),
       coalesce(source, 'registration form'), coalesce(consent, false),
       coalesce(registered_on, current_date), notes, 'new', $actor
FROM incoming
