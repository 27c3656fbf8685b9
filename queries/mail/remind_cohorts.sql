-- Cohorts with a term, for the reminders due on a date.
SELECT id, name, starts_on, ends_on FROM cohorts
WHERE starts_on IS NOT NULL AND ends_on IS NOT NULL
ORDER BY starts_on, id
