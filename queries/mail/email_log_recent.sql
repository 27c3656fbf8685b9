-- The newest messages of the log (optionally one cohort's), newest first.
SELECT id, logged_at, actor, template, cohort_id, recipient, subject, status, error, eml_file
FROM email_log
WHERE $cohort_id IS NULL OR cohort_id = $cohort_id
ORDER BY id DESC LIMIT 500
