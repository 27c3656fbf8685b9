-- New survey responses of the cohort, each tagged with the import that brought it.
INSERT INTO survey_responses (cohort_id, role, person_id, submitted_at, would_recommend,
    relationship_successful, grew_confidence, career_development, willing_to_mentor, comments, import_id)
SELECT $cohort, role, person_id, submitted_at, would_recommend, relationship_successful,
       grew_confidence, career_development, willing_to_mentor, comments, $import_id
FROM incoming
