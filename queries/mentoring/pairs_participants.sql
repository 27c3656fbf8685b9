-- Matching input: a cohort's participants with the person fields the score uses.
SELECT
    p.id,
    p.person_id,
    p.role,
    per.full_name,
    per.email,
    per.region,
    per.career_stage,
    per.specialty,
    p.themes,
    p.capacity
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.cohort_id = $cohort
ORDER BY p.role, per.full_name, p.id
