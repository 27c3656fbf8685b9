-- Change every editable field of one resource, and whether it is retired.
UPDATE resources
SET title = $resource_title, source = $resource_source, year = $resource_year, url = $resource_url,
    topic = $resource_topic, annotation = $resource_annotation, retired = $resource_retired,
    updated_at = current_timestamp, version = version + 1
WHERE id = $resource_id
