-- One resource by id (for an edit and its audit detail).
SELECT id, title, source, year, url, topic, annotation, retired, updated_at, version FROM resources WHERE id = $resource_id
