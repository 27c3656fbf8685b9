-- A cohort's term: its dates and status (the attention rules and health figures count from them).
SELECT id, name, starts_on, ends_on, coalesce(status, 'planned') AS status
FROM cohorts
WHERE id = $cohort
