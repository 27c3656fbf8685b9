-- Whether a cohort id is known (1 row) or not (no row).
SELECT id, name FROM cohorts WHERE id = $cohort
