-- Staff view of a cohort's participants (personal data: staff and admin only).
WITH paired AS (
    SELECT person, count(*) AS pairs
    FROM (
        SELECT mentor_id AS person FROM pairs
        WHERE cohort_id = $cohort AND status IN ('active', 'completed')
        UNION ALL
        SELECT mentee_id FROM pairs
        WHERE cohort_id = $cohort AND status IN ('active', 'completed')
    )
    GROUP BY person
)
SELECT
    per.full_name,
    per.email,
    p.role,
    per.region,
    per.career_stage,
    per.specialty,
    p.themes,
    p.capacity,
    coalesce(paired.pairs, 0) AS pairs
FROM participants p
JOIN people per ON per.id = p.person_id
LEFT JOIN paired ON paired.person = p.id
WHERE p.cohort_id = $cohort
ORDER BY p.role, per.full_name
