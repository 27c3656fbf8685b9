-- A new session of a cohort.
INSERT INTO sessions (cohort_id, title, kind, starts_at, ends_at, join_url)
VALUES ($cohort, $title, 'webinar', $starts_at, $ends_at, $join_url)
RETURNING id
