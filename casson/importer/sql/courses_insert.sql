-- New courses of the directory.
INSERT INTO courses (provider, title, format, level, duration, cost_from, cost_note, is_free, location, url, summary)
SELECT provider, title, format, level, duration, cost_from, cost_note, coalesce(is_free, false),
       location, url, summary
FROM incoming
