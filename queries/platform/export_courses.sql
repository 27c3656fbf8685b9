-- CSV export: the directory of courses and programmes.
SELECT provider, title, format, level, duration, cost_from, cost_note, is_free, location, url,
       summary, retired
FROM courses
ORDER BY provider, title
