-- Earlier imports of the very same file (same SHA-256) that were committed in whole or part.
SELECT imported_at, actor, kind, cohort_id, status, rows_new, rows_updated, rows_unchanged
FROM imports
WHERE file_hash = $file_hash AND status IN ('committed', 'partial')
ORDER BY imported_at DESC
