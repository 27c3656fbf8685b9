-- The counts behind the KPIs, one row per cohort (oldest first), or only $cohort when it is not
-- null: the one place they are counted, for the KPIs, Outcomes, the Overview and the board pack.
-- A Likert answer is positive at 4 (agree) or 5 (strongly agree); a pair counts once formed.
WITH parts AS (
    SELECT cohort_id,
           count(*) FILTER (WHERE role = 'mentor') AS mentors,
           count(*) FILTER (WHERE role = 'mentee') AS mentees
    FROM participants
    GROUP BY cohort_id
),
formed AS (
    SELECT cohort_id, count(*) AS pairs
    FROM pairs
    WHERE pair_formed(status)
    GROUP BY cohort_id
),
answers AS (
    SELECT cohort_id,
           count(*) FILTER (WHERE role = 'mentor') AS mentor_responses,
           count(*) FILTER (WHERE role = 'mentee') AS mentee_responses,
           count(*) FILTER (WHERE would_recommend >= 4) AS recommend_positive,
           count(*) FILTER (WHERE role = 'mentee' AND relationship_successful >= 4) AS relationship_positive,
           count(*) FILTER (WHERE role = 'mentee' AND grew_confidence >= 4) AS confidence_positive,
           count(*) FILTER (WHERE role = 'mentee' AND career_development >= 4) AS career_positive,
           count(*) FILTER (WHERE role = 'mentee' AND willing_to_mentor) AS mentees_willing_to_mentor
    FROM survey_responses
    GROUP BY cohort_id
)
SELECT
    c.id AS cohort,
    c.name,
    c.starts_on,
    coalesce(parts.mentors, 0) AS mentors,
    coalesce(parts.mentees, 0) AS mentees,
    coalesce(formed.pairs, 0) AS pairs,
    coalesce(answers.mentor_responses, 0) AS mentor_responses,
    coalesce(answers.mentee_responses, 0) AS mentee_responses,
    coalesce(answers.recommend_positive, 0) AS recommend_positive,
    coalesce(answers.relationship_positive, 0) AS relationship_positive,
    coalesce(answers.confidence_positive, 0) AS confidence_positive,
    coalesce(answers.career_positive, 0) AS career_positive,
    coalesce(answers.mentees_willing_to_mentor, 0) AS mentees_willing_to_mentor
FROM cohorts c
LEFT JOIN parts ON parts.cohort_id = c.id
LEFT JOIN formed ON formed.cohort_id = c.id
LEFT JOIN answers ON answers.cohort_id = c.id
WHERE $cohort IS NULL OR c.id = $cohort
ORDER BY c.starts_on NULLS FIRST, c.id
