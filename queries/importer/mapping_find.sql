-- The remembered mapping of a kind for files with this header set, if any.
SELECT id, kind, signature, headers, mapping, created_by, created_at
FROM import_mappings
WHERE kind = $mapping_kind AND signature = $mapping_signature
