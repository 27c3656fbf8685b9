-- The mentee-to-mentor loop by cohort of mentees, oldest first: the one definition for the
-- Register page, Outcomes and the board pack. Mentees; mentee respondents; willing to mentor (the
-- survey); invited onto the register as mentors of a later cohort; mentored in a later cohort; and
-- of those, the ones who had said they were willing.
WITH mentees AS (
    SELECT p.cohort_id, p.person_id FROM participants p WHERE p.role = 'mentee'
),
willing AS (
    SELECT DISTINCT cohort_id, person_id
    FROM survey_responses
    WHERE role = 'mentee' AND willing_to_mentor AND person_id IS NOT NULL
),
invited AS (
    SELECT DISTINCT i.from_cohort AS cohort_id, p.id AS person_id
    FROM interest i JOIN people p ON p.email_key = i.email_key
    WHERE i.from_cohort IS NOT NULL AND i.role_wanted = 'mentor' AND i.status <> 'new'
),
mentored_later AS (
    SELECT DISTINCT m.cohort_id, m.person_id
    FROM mentees m
    JOIN cohorts cm ON cm.id = m.cohort_id
    JOIN participants l ON l.person_id = m.person_id AND l.role = 'mentor'
    JOIN cohorts cl ON cl.id = l.cohort_id
    WHERE cl.starts_on > cm.starts_on
)
SELECT
    c.id AS cohort,
    c.name,
    c.starts_on,
    (SELECT count(*) FROM mentees m WHERE m.cohort_id = c.id) AS mentees,
    (SELECT count(*) FROM survey_responses r
      WHERE r.cohort_id = c.id AND r.role = 'mentee') AS mentee_responses,
    (SELECT count(*) FROM survey_responses r
      WHERE r.cohort_id = c.id AND r.role = 'mentee' AND r.willing_to_mentor) AS willing,
    (SELECT count(*) FROM invited v WHERE v.cohort_id = c.id) AS invited,
    (SELECT count(*) FROM mentored_later l WHERE l.cohort_id = c.id) AS mentored_later,
    (SELECT count(*) FROM mentored_later l
      JOIN willing w ON w.cohort_id = l.cohort_id AND w.person_id = l.person_id
      WHERE l.cohort_id = c.id) AS willing_and_mentored_later
FROM cohorts c
ORDER BY c.starts_on NULLS FIRST, c.id
