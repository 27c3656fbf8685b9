-- A cohort's webinars, in order.
SELECT id, cohort_id, title, starts_at, ends_at FROM sessions WHERE cohort_id = $cohort_id ORDER BY starts_at, id
