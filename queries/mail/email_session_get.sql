-- One webinar, with its joining link and its cohort's name.
SELECT s.id, s.cohort_id, s.title, s.starts_at, s.ends_at, s.join_url, c.name AS cohort_name
FROM sessions s LEFT JOIN cohorts c ON c.id = s.cohort_id WHERE s.id = $session_id
