-- New coaches of the directory (kind defaults to general).
INSERT INTO coaches (name, organisation, kind, offers, fee_from, fee_note, website, notes)
SELECT name, organisation, coalesce(kind, 'general'), offers, fee_from, fee_note, website, notes
FROM incoming
