-- The cohort's stored survey responses, to tell new rows from ones already imported.
SELECT role, person_id, submitted_at, would_recommend, relationship_successful, grew_confidence,
       career_development, willing_to_mentor, comments
FROM survey_responses
WHERE cohort_id = $cohort
