-- Registrations already on the register take the file's non-empty values (a changed consent included).
-- frame incoming(existing_id BIGINT, full_name VARCHAR, region VARCHAR, consent BOOLEAN, source VARCHAR, notes VARCHAR)
UPDATE interest SET
    full_name = coalesce(i.full_name, interest.full_name),
    region = coalesce(i.region, interest.region),
    consent = coalesce(i.consent, interest.consent),
    source = coalesce(i.source, interest.source),
    notes = coalesce(i.notes, interest.notes),
    updated_at = current_timestamp, updated_by = $actor
FROM incoming i
WHERE interest.id = i.existing_id
