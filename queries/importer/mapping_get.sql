-- One remembered mapping by id.
SELECT id, kind, signature, headers, mapping, created_by, created_at
FROM import_mappings
WHERE id = $mapping_id
