-- The suggestions queue as an import compares with it, matched in code by kind, title and email.
SELECT id AS existing_id, kind, title, email, provider, url, year, topic, note, suggested_by
FROM suggestions
