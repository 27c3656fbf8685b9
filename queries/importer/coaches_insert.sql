-- New coaches of the directory (kind defaults to general).
-- frame incoming(name VARCHAR, organisation VARCHAR, kind VARCHAR, offers VARCHAR, fee_from DOUBLE, fee_note VARCHAR, website VARCHAR, notes VARCHAR)
INSERT INTO coaches (name, organisation, kind, offers, fee_from, fee_note, website, notes)
SELECT name, organisation, coalesce(kind, 'general'), offers, fee_from, fee_note, website, notes
FROM incoming
