-- Every participant of a cohort, with whether they opted out of programme email.
SELECT p.id AS person_id, pa.id AS participant_id, p.full_name, p.email, pa.role,
       EXISTS (SELECT 1 FROM email_opt_outs o WHERE o.person_id = p.id) AS opted_out
FROM participants pa JOIN people p ON p.id = pa.person_id
WHERE pa.cohort_id = $cohort_id
ORDER BY pa.role, p.full_name, p.id
