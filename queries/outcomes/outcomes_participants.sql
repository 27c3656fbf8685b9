-- Every participant of a cohort with their themes, webinars attended and survey answers (if any); no names, emails or comments.
WITH answers AS (
    SELECT *
    FROM survey_responses
    WHERE cohort_id = $cohort AND person_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY person_id, role ORDER BY submitted_at DESC NULLS LAST, id DESC) = 1
),
attended AS (
    SELECT a.person_id, count(*) AS webinars_attended
    FROM attendance a
    JOIN sessions s ON s.id = a.session_id
    WHERE s.cohort_id = $cohort AND s.kind = 'webinar'
    GROUP BY a.person_id
)
SELECT
    p.role,
    p.themes,
    coalesce(att.webinars_attended, 0) AS webinars_attended,
    ans.id IS NOT NULL AS responded,
    ans.would_recommend,
    ans.relationship_successful,
    ans.grew_confidence,
    ans.career_development,
    ans.willing_to_mentor
FROM participants p
LEFT JOIN answers ans ON ans.person_id = p.person_id AND ans.role = p.role
LEFT JOIN attended att ON att.person_id = p.person_id
WHERE p.cohort_id = $cohort
ORDER BY p.id
