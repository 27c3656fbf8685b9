-- Forget one remembered mapping.
DELETE FROM import_mappings WHERE id = $mapping_id
