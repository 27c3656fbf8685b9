-- The cohort's stored survey responses, to tell new rows from ones already imported
-- (willing_to_mentor as the answer given: yes, no, maybe or not sure).
SELECT role, person_id, submitted_at, would_recommend, relationship_successful, grew_confidence,
       career_development,
       coalesce(willing_answer, CASE WHEN willing_to_mentor THEN 'yes'
                                     WHEN NOT willing_to_mentor THEN 'no' END) AS willing_to_mentor,
       comments
FROM survey_responses
WHERE cohort_id = $cohort
