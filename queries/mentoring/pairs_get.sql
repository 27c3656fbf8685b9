-- One pair with both people's names, for a change to check and record.
SELECT
    pr.id, pr.cohort_id, pr.mentor_id, pr.mentee_id, pr.status, pr.match_score, pr.matched_by,
    pr.locked, pr.started_on, pr.ended_on, pr.end_reason, pr.version, pr.updated_by,
    pr.updated_at, mentor.full_name AS mentor_name, mentor.email AS mentor_email,
    mentee.full_name AS mentee_name, mentee.email AS mentee_email
FROM pairs pr
JOIN participants mp ON mp.id = pr.mentor_id
JOIN people mentor ON mentor.id = mp.person_id
JOIN participants ep ON ep.id = pr.mentee_id
JOIN people mentee ON mentee.id = ep.person_id
WHERE pr.id = $pair_id
