-- Change every editable field of one coach, and whether it is retired.
UPDATE coaches
SET name = $coach_name, organisation = $coach_organisation, kind = $coach_kind,
    offers = $coach_offers, fee_from = $coach_fee_from, fee_note = $coach_fee_note,
    website = $coach_website, notes = $coach_notes, retired = $coach_retired,
    updated_at = current_timestamp, version = version + 1
WHERE id = $coach_id
