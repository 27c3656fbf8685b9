-- Known courses (same provider and title) take the file's non-empty values.
-- frame incoming(existing_id BIGINT, format VARCHAR, level VARCHAR, duration VARCHAR, cost_from DOUBLE, cost_note VARCHAR, is_free BOOLEAN, location VARCHAR, url VARCHAR, summary VARCHAR)
UPDATE courses SET
    format = coalesce(i.format, courses.format),
    level = coalesce(i.level, courses.level),
    duration = coalesce(i.duration, courses.duration),
    cost_from = coalesce(i.cost_from, courses.cost_from),
    cost_note = coalesce(i.cost_note, courses.cost_note),
    is_free = coalesce(i.is_free, courses.is_free),
    location = coalesce(i.location, courses.location),
    url = coalesce(i.url, courses.url),
    summary = coalesce(i.summary, courses.summary),
    updated_at = current_timestamp
FROM incoming i
WHERE courses.id = i.existing_id
