-- A cohort's participants who have not answered its end-of-programme survey.
SELECT pa.id AS participant_id, per.id AS person_id, per.full_name, per.email, pa.role,
       per.id IN (SELECT person_id FROM email_opt_outs) AS opted_out
FROM participants pa
JOIN people per ON per.id = pa.person_id
WHERE pa.cohort_id = $cohort
  AND NOT EXISTS (SELECT 1 FROM survey_responses s
                  WHERE s.cohort_id = pa.cohort_id AND s.person_id = pa.person_id)
ORDER BY per.full_name, pa.id
