-- A cohort's survey answers without names, emails or comments (safe for every role).
SELECT
    role,
    would_recommend,
    relationship_successful,
    grew_confidence,
    career_development,
    willing_to_mentor
FROM survey_responses
WHERE cohort_id = $cohort
ORDER BY id
