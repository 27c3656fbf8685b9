-- Every remembered mapping, newest first (the Upload page lists them to remove).
SELECT id, kind, headers, mapping, created_by, created_at
FROM import_mappings
ORDER BY created_at DESC, id DESC
