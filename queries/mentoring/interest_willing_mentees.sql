-- Mentees of a cohort who said on its survey they are willing to mentor, with whether each is already on the register (in any status: someone who declined is not asked again) as a mentor for the target cohort or already mentors in it.
SELECT DISTINCT p.id AS person_id, p.full_name, p.email, p.region,
       EXISTS (SELECT 1 FROM interest i WHERE i.email_key = p.email_key AND i.role_wanted = 'mentor'
               AND i.cohort_wanted = $to_cohort) AS on_register,
       EXISTS (SELECT 1 FROM participants x WHERE x.person_id = p.id AND x.cohort_id = $to_cohort) AS in_cohort
FROM survey_responses r
JOIN participants pa ON pa.person_id = r.person_id AND pa.cohort_id = r.cohort_id AND pa.role = 'mentee'
JOIN people p ON p.id = r.person_id
WHERE r.cohort_id = $from_cohort AND r.role = 'mentee' AND r.willing_to_mentor
ORDER BY p.full_name, p.id
