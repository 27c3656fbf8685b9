-- CSV export: the cohorts.
SELECT id, name, starts_on, ends_on FROM cohorts ORDER BY starts_on, id
