-- New survey responses of the cohort, each tagged with the import that brought it. The answer to
-- "willing to mentor" is kept as given; the boolean every count reads is true for yes only.
-- frame incoming(role VARCHAR, person_id BIGINT, submitted_at TIMESTAMP, would_recommend INTEGER, relationship_successful INTEGER, grew_confidence INTEGER, career_development INTEGER, willing_to_mentor VARCHAR, comments VARCHAR)
INSERT INTO survey_responses (cohort_id, role, person_id, submitted_at, would_recommend,
    relationship_successful, grew_confidence, career_development, willing_to_mentor,
    willing_answer, comments, import_id)
SELECT $cohort, role, person_id, submitted_at, would_recommend, relationship_successful,
       grew_confidence, career_development,
       CASE willing_to_mentor WHEN 'yes' THEN true WHEN 'no' THEN false END,
       willing_to_mentor, comments, $import_id
FROM incoming
