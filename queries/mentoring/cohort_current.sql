-- The current cohort, every page's default: the running one (the latest to start if several), else the latest.
SELECT id
FROM cohorts
ORDER BY coalesce(status, 'planned') = 'running' DESC, starts_on DESC NULLS LAST, id
LIMIT 1
