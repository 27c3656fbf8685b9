-- A course with this provider and title (case-insensitive), other than the one being edited.
SELECT id FROM courses
WHERE lower(provider) = lower($course_provider) AND lower(title) = lower($course_title)
  AND id <> coalesce($course_id, -1)
