-- Known coaches (same name) take the file's non-empty values.
-- frame incoming(existing_id BIGINT, organisation VARCHAR, kind VARCHAR, offers VARCHAR, fee_from DOUBLE, fee_note VARCHAR, website VARCHAR, notes VARCHAR)
UPDATE coaches SET
    organisation = coalesce(i.organisation, coaches.organisation),
    kind = coalesce(i.kind, coaches.kind),
    offers = coalesce(i.offers, coaches.offers),
    fee_from = coalesce(i.fee_from, coaches.fee_from),
    fee_note = coalesce(i.fee_note, coaches.fee_note),
    website = coalesce(i.website, coaches.website),
    notes = coalesce(i.notes, coaches.notes),
    updated_at = current_timestamp
FROM incoming i
WHERE coaches.id = i.existing_id
