-- Pairs workspace: every pair of a cohort with both people (personal data: staff and admin only).
SELECT
    pr.id AS pair_id,
    pr.version,
    pr.status,
    pr.locked,
    pr.matched_by,
    pr.match_score,
    pr.mentor_id,
    mentor.full_name AS mentor_name,
    mentor.email AS mentor_email,
    pr.mentee_id,
    mentee.full_name AS mentee_name,
    mentee.email AS mentee_email,
    mentee.region AS mentee_region,
    mentee.career_stage AS mentee_stage,
    ep.themes AS mentee_themes,
    mentor.region AS mentor_region,
    mentor.career_stage AS mentor_stage,
    mp.themes AS mentor_themes,
    pr.started_on,
    pr.ended_on,
    pr.end_reason,
    pr.updated_by,
    pr.updated_at
FROM pairs pr
JOIN participants mp ON mp.id = pr.mentor_id
JOIN people mentor ON mentor.id = mp.person_id
JOIN participants ep ON ep.id = pr.mentee_id
JOIN people mentee ON mentee.id = ep.person_id
WHERE pr.cohort_id = $cohort
ORDER BY mentee.full_name, pr.id
