-- A resource with this title (case-insensitive), other than the one being edited.
SELECT id FROM resources WHERE lower(title) = lower($resource_title) AND id <> coalesce($resource_id, -1)
