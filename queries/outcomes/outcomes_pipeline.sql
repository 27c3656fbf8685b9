-- Mentee-to-mentor pipeline by cohort, oldest first: mentees, mentee respondents, willing to mentor, and how many then mentored in a later cohort.
WITH starts AS (
    SELECT id, name, starts_on FROM cohorts
),
mentees AS (
    SELECT p.cohort_id, p.person_id
    FROM participants p
    WHERE p.role = 'mentee'
),
willing AS (
    SELECT DISTINCT cohort_id, person_id
    FROM survey_responses
    WHERE role = 'mentee' AND willing_to_mentor AND person_id IS NOT NULL
),
later_mentors AS (
    -- (cohort, person) pairs where the person mentored in a cohort that started later
    SELECT DISTINCT m.cohort_id, m.person_id
    FROM mentees m
    JOIN starts sm ON sm.id = m.cohort_id
    JOIN participants p2 ON p2.person_id = m.person_id AND p2.role = 'mentor'
    JOIN starts s2 ON s2.id = p2.cohort_id
    WHERE s2.starts_on > sm.starts_on
)
SELECT
    s.id AS cohort,
    s.name,
    s.starts_on,
    (SELECT count(*) FROM mentees m WHERE m.cohort_id = s.id) AS mentees,
    (SELECT count(*) FROM survey_responses r WHERE r.cohort_id = s.id AND r.role = 'mentee') AS mentee_responses,
    (SELECT count(*) FROM survey_responses r
      WHERE r.cohort_id = s.id AND r.role = 'mentee' AND r.willing_to_mentor) AS willing_to_mentor,
    (SELECT count(*) FROM later_mentors l WHERE l.cohort_id = s.id) AS mentored_later,
    (SELECT count(*) FROM later_mentors l
      JOIN willing w ON w.cohort_id = l.cohort_id AND w.person_id = l.person_id
      WHERE l.cohort_id = s.id) AS willing_and_mentored_later
FROM starts s
ORDER BY s.starts_on NULLS FIRST, s.id
