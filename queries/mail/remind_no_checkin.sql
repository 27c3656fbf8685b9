-- A cohort's participants with no check-in yet, in a current pair, for the mid-term reminder.
SELECT pa.id AS participant_id, per.id AS person_id, per.full_name, per.email, pa.role,
       per.id IN (SELECT person_id FROM email_opt_outs) AS opted_out
FROM participants pa
JOIN people per ON per.id = pa.person_id
WHERE pa.cohort_id = $cohort
  AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = pa.id)
  AND EXISTS (SELECT 1 FROM pairs pr WHERE pr.status = 'active'
              AND (pr.mentor_id = pa.id OR pr.mentee_id = pa.id))
ORDER BY per.full_name, pa.id
