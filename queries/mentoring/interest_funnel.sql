-- The mentee-to-mentor loop by cohort, oldest first: mentees willing to mentor (survey), those invited onto the register as mentors of a later cohort, and those who then mentored in a later cohort.
WITH willing AS (
    SELECT DISTINCT r.cohort_id, r.person_id
    FROM survey_responses r
    WHERE r.role = 'mentee' AND r.willing_to_mentor
),
invited AS (
    SELECT DISTINCT i.from_cohort AS cohort_id, p.id AS person_id
    FROM interest i JOIN people p ON p.email_key = i.email_key
    WHERE i.from_cohort IS NOT NULL AND i.role_wanted = 'mentor' AND i.status <> 'new'
),
mentoring AS (
    SELECT DISTINCT m.cohort_id, m.person_id
    FROM participants m
    JOIN cohorts cm ON cm.id = m.cohort_id
    JOIN participants l ON l.person_id = m.person_id AND l.role = 'mentor'
    JOIN cohorts cl ON cl.id = l.cohort_id
    WHERE m.role = 'mentee' AND cl.starts_on > cm.starts_on
)
SELECT c.id AS cohort, c.name, c.starts_on,
       (SELECT count(*) FROM survey_responses r
         WHERE r.cohort_id = c.id AND r.role = 'mentee' AND r.willing_to_mentor) AS willing,
       (SELECT count(*) FROM invited v WHERE v.cohort_id = c.id) AS invited,
       (SELECT count(*) FROM mentoring m WHERE m.cohort_id = c.id) AS mentoring
FROM cohorts c
ORDER BY c.starts_on NULLS FIRST, c.id
