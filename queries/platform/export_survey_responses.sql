-- CSV export: survey answers, with the respondent's email where they gave one (willing to
-- mentor as the answer given, so Maybe round-trips).
SELECT s.cohort_id, s.role, per.email, s.submitted_at, s.would_recommend,
       s.relationship_successful, s.grew_confidence, s.career_development,
       coalesce(s.willing_answer, CASE WHEN s.willing_to_mentor THEN 'yes'
                                       WHEN NOT s.willing_to_mentor THEN 'no' END)
           AS willing_to_mentor,
       s.comments
FROM survey_responses s
LEFT JOIN people per ON per.id = s.person_id
ORDER BY s.cohort_id, s.role, s.id
