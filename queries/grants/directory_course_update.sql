-- Change every editable field of one course, and whether it is retired.
UPDATE courses
SET provider = $course_provider, title = $course_title, format = $course_format,
    level = $course_level, duration = $course_duration, cost_from = $course_cost_from,
    cost_note = $course_cost_note, is_free = $course_is_free, location = $course_location,
    url = $course_url, summary = $course_summary, retired = $course_retired,
    updated_at = current_timestamp, version = version + 1
WHERE id = $course_id
