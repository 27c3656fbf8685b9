-- Mentors' roster of a cohort: capacity, places used by proposed or active pairs, places free.
WITH used AS (
    SELECT mentor_id, count(*) AS used
    FROM pairs
    WHERE cohort_id = $cohort AND pair_current(status)
    GROUP BY mentor_id
)
SELECT
    p.id AS mentor_id,
    per.full_name AS mentor_name,
    per.email AS mentor_email,
    per.region,
    per.career_stage,
    p.themes,
    coalesce(p.capacity, 1) AS capacity,
    coalesce(used.used, 0) AS used,
    coalesce(p.capacity, 1) - coalesce(used.used, 0) AS free
FROM participants p
JOIN people per ON per.id = p.person_id
LEFT JOIN used ON used.mentor_id = p.id
WHERE p.cohort_id = $cohort AND p.role = 'mentor'
ORDER BY free DESC, per.full_name
