-- Directory page: every course and programme (retired ones flagged, shown to staff only).
SELECT id, provider, title, format, level, duration, cost_from, cost_note, is_free, location,
       url, summary, retired, updated_at, version
FROM courses
ORDER BY retired, provider, title
