-- Returning people (matched by email) take the file's non-empty details; empty cells keep what is stored.
-- frame incoming_people(person_id BIGINT, full_name VARCHAR, region VARCHAR, career_stage VARCHAR, specialty VARCHAR, employer VARCHAR)
UPDATE people SET
    full_name = coalesce(i.full_name, people.full_name),
    region = coalesce(i.region, people.region),
    career_stage = coalesce(i.career_stage, people.career_stage),
    specialty = coalesce(i.specialty, people.specialty),
    employer = coalesce(i.employer, people.employer),
    updated_at = current_timestamp
FROM incoming_people i
WHERE people.id = i.person_id
