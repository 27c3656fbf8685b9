-- Staff only: a cohort's survey responses with the respondent's name, email and free-text comments.
SELECT
    r.role,
    pe.full_name,
    pe.email,
    r.submitted_at,
    r.would_recommend,
    r.relationship_successful,
    r.grew_confidence,
    r.career_development,
    r.willing_to_mentor,
    r.comments
FROM survey_responses r
LEFT JOIN people pe ON pe.id = r.person_id
WHERE r.cohort_id = $cohort
ORDER BY r.role, r.submitted_at, r.id
