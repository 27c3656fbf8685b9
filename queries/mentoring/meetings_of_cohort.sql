-- The $limit most recent of a cohort's meetings with both people of the pair, newest first,
-- and the cohort's total (the note is staff only). The limit applies before the joins.
SELECT (SELECT count(*) FROM meetings WHERE cohort_id = $cohort) AS total,
       m.id AS meeting_id, m.pair_id, m.met_on, m.minutes, m.format, m.note, m.source,
       mentor.full_name AS mentor_name, mentee.full_name AS mentee_name, m.created_by, m.created_at
FROM (SELECT * FROM meetings WHERE cohort_id = $cohort ORDER BY met_on DESC, id DESC LIMIT $limit) m
JOIN pairs pr ON pr.id = m.pair_id
JOIN participants mp ON mp.id = pr.mentor_id
JOIN people mentor ON mentor.id = mp.person_id
JOIN participants ep ON ep.id = pr.mentee_id
JOIN people mentee ON mentee.id = ep.person_id
ORDER BY m.met_on DESC, m.id DESC
