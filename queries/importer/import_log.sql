-- One row of the import log: who imported which file, and what it did.
INSERT INTO imports (actor, kind, file_name, file_hash, cohort_id, rows_total, rows_new, rows_updated,
    rows_unchanged, rows_error, status)
VALUES ($actor, $import_kind, $import_file, $file_hash, $cohort, $rows_total, $rows_new, $rows_updated,
    $rows_unchanged, $rows_error, $import_status)
RETURNING id
