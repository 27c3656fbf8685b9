-- A suggestion sent again (same kind, title and email) takes the file's non-empty values while still pending.
-- frame incoming(existing_id BIGINT, provider VARCHAR, url VARCHAR, year INTEGER, topic VARCHAR, note VARCHAR, suggested_by VARCHAR)
UPDATE suggestions SET
    provider = coalesce(i.provider, suggestions.provider),
    url = coalesce(i.url, suggestions.url),
    year = coalesce(i.year, suggestions.year),
    topic = coalesce(i.topic, suggestions.topic),
    note = coalesce(i.note, suggestions.note),
    suggested_by = coalesce(i.suggested_by, suggestions.suggested_by)
FROM incoming i
WHERE suggestions.id = i.existing_id AND suggestions.status = 'pending'
