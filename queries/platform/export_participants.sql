-- CSV export: one row per person per cohort and role.
SELECT
    p.cohort_id,
    per.email,
    per.full_name,
    p.role,
    per.region,
    per.career_stage,
    per.specialty,
    per.employer,
    p.capacity,
    p.themes,
    p.goals,
    p.notes
FROM participants p
JOIN people per ON per.id = p.person_id
ORDER BY p.cohort_id, p.role, per.email_key
