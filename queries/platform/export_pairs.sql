-- CSV export: every pair with both people's emails.
SELECT
    pr.cohort_id,
    mentor.email AS mentor_email,
    mentee.email AS mentee_email,
    pr.status,
    pr.match_score,
    pr.matched_by,
    pr.locked,
    pr.started_on,
    pr.ended_on,
    pr.end_reason
FROM pairs pr
JOIN participants mp ON mp.id = pr.mentor_id
JOIN people mentor ON mentor.id = mp.person_id
JOIN participants ep ON ep.id = pr.mentee_id
JOIN people mentee ON mentee.id = ep.person_id
ORDER BY pr.cohort_id, mentor.email_key, mentee.email_key
