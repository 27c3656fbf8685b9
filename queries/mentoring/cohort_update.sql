-- Edit a cohort's name, dates and status (the id stays: pairs and imports refer to it).
UPDATE cohorts SET name = $cohort_name, starts_on = $starts_on, ends_on = $ends_on,
       status = $cohort_status
WHERE id = $cohort
