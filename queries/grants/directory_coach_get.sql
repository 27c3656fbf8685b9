-- One coach by id (for an edit and its audit detail).
SELECT id, name, organisation, kind, offers, fee_from, fee_note, website, notes, retired,
       updated_at, version
FROM coaches
WHERE id = $coach_id
