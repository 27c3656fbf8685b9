-- Remember a mapping for a kind and header set, replacing the one saved before.
INSERT INTO import_mappings (kind, signature, headers, mapping, created_by)
VALUES ($mapping_kind, $mapping_signature, $mapping_headers, $mapping_json, $actor)
ON CONFLICT (kind, signature) DO UPDATE SET
    headers = excluded.headers, mapping = excluded.mapping,
    created_by = excluded.created_by, created_at = now()
RETURNING id
