-- CSV export: the import log.
SELECT imported_at, actor, kind, file_name, file_hash, cohort_id, rows_total, rows_new, rows_updated,
       rows_unchanged, rows_error, status
FROM imports
ORDER BY imported_at
