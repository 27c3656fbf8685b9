-- Directory page: every coach and mentor (retired ones flagged, shown to staff only).
SELECT id, name, organisation, kind, offers, fee_from, fee_note, website, notes, retired,
       updated_at, version
FROM coaches
ORDER BY retired, name
