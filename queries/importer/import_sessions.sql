-- Sessions an attendance import may name: every session, with its cohort (filtered in code).
SELECT id AS session_id, cohort_id, title, starts_at FROM sessions
