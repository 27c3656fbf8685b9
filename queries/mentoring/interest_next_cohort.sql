-- The cohorts after the given one (where its willing mentees could mentor), soonest first; a cohort with no start date yet is still to come.
SELECT n.id, n.name FROM cohorts c JOIN cohorts n ON n.id <> c.id
  AND (n.starts_on > c.starts_on OR n.starts_on IS NULL)
WHERE c.id = $cohort_id ORDER BY n.starts_on NULLS LAST, n.id
