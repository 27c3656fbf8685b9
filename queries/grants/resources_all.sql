-- Directory page, Resources tab: every published resource (retired ones flagged, shown to staff only).
SELECT id, title, source, year, url, topic, annotation, retired, updated_at, version
FROM resources
ORDER BY retired, topic NULLS LAST, title
