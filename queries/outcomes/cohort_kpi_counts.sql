-- The counts behind a cohort's KPIs. A Likert answer is positive at 4 (agree) or 5 (strongly agree).
WITH parts AS (
    SELECT
        count(*) FILTER (WHERE role = 'mentor') AS mentors,
        count(*) FILTER (WHERE role = 'mentee') AS mentees
    FROM participants
    WHERE cohort_id = $cohort
),
formed AS (
    SELECT count(*) AS pairs
    FROM pairs
    WHERE cohort_id = $cohort AND status IN ('active', 'completed', 'ended_early')
),
answers AS (
    SELECT
        count(*) FILTER (WHERE role = 'mentor') AS mentor_responses,
        count(*) FILTER (WHERE role = 'mentee') AS mentee_responses,
        count(*) FILTER (WHERE would_recommend >= 4) AS recommend_positive,
        count(*) FILTER (WHERE role = 'mentee' AND relationship_successful >= 4) AS relationship_positive,
        count(*) FILTER (WHERE role = 'mentee' AND grew_confidence >= 4) AS confidence_positive,
        count(*) FILTER (WHERE role = 'mentee' AND career_development >= 4) AS career_positive,
        count(*) FILTER (WHERE role = 'mentee' AND willing_to_mentor) AS mentees_willing_to_mentor
    FROM survey_responses
    WHERE cohort_id = $cohort
)
SELECT * FROM parts, formed, answers
