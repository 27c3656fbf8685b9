-- CSV export: the directory of coaches and mentors.
SELECT name, organisation, kind, offers, fee_from, fee_note, website, notes, retired
FROM coaches
ORDER BY name
