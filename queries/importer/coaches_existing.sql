-- Every coach of the directory (a small table), matched in code by name.
SELECT id AS existing_id, name, organisation, kind, offers, fee_from, website, notes, fee_note
FROM coaches
