-- The suggestions queue: pending first, then decided, newest first.
SELECT id, kind, title, provider, url, year, topic, note, suggested_by, email, source, status,
       decided_by, decided_at, entry_id, created_at
FROM suggestions
ORDER BY status <> 'pending', created_at DESC, id DESC
