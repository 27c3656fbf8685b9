-- Add a course or programme to the directory; returns its id.
INSERT INTO courses (provider, title, format, level, duration, cost_from, cost_note, is_free,
                     location, url, summary)
VALUES ($course_provider, $course_title, $course_format, $course_level, $course_duration,
        $course_cost_from, $course_cost_note, $course_is_free, $course_location, $course_url,
        $course_summary)
RETURNING id
