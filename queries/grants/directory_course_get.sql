-- One course by id (for an edit and its audit detail).
SELECT id, provider, title, format, level, duration, cost_from, cost_note, is_free, location,
       url, summary, retired,
       updated_at, version
FROM courses
WHERE id = $course_id
