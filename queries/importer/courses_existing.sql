-- Every course of the directory (a small table), matched in code by provider and title.
SELECT id AS existing_id, provider, title, format, level, duration, cost_from, cost_note, location, url,
       is_free, summary
FROM courses
