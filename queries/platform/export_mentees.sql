-- CSV export: mentees in the import format (cohort_id first; the other columns are the upload's).
SELECT p.cohort_id, per.full_name, per.email, per.region, per.career_stage, per.specialty,
       per.employer, p.themes, p.goals
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.role = 'mentee'
ORDER BY p.cohort_id, per.email_key
