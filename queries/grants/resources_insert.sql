-- Add a resource to the directory; returns its id.
INSERT INTO resources (title, source, year, url, topic, annotation)
VALUES ($resource_title, $resource_source, $resource_year, $resource_url, $resource_topic, $resource_annotation)
RETURNING id
