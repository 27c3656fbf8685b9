-- The cohort starting after the given one (where its willing mentees would mentor next).
SELECT n.id, n.name FROM cohorts c JOIN cohorts n ON n.starts_on > c.starts_on
WHERE c.id = $cohort_id ORDER BY n.starts_on, n.id LIMIT 1
