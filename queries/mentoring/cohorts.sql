-- Every cohort, newest first, with its head counts.
SELECT
    c.id,
    c.name,
    c.starts_on,
    c.ends_on,
    count(*) FILTER (WHERE p.role = 'mentor') AS mentors,
    count(*) FILTER (WHERE p.role = 'mentee') AS mentees
FROM cohorts c
LEFT JOIN participants p ON p.cohort_id = c.id
GROUP BY ALL
ORDER BY c.starts_on DESC NULLS LAST, c.id
