-- CSV export: webinars and surgeries.
SELECT cohort_id, title, kind, starts_at, ends_at, notes FROM sessions ORDER BY starts_at
