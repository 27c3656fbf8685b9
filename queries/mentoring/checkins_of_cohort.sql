-- The $limit most recent of a cohort's check-ins with the person, newest first, and the
-- cohort's total (comments are personal data: staff only). The limit applies before the joins.
SELECT (SELECT count(*) FROM checkins WHERE cohort_id = $cohort) AS total,
       c.id AS checkin_id, c.submitted_at, per.full_name, per.email, p.role, c.fit, c.rating,
       c.comment, c.source
FROM (SELECT * FROM checkins WHERE cohort_id = $cohort ORDER BY submitted_at DESC, id DESC
      LIMIT $limit) c
JOIN participants p ON p.id = c.participant_id
JOIN people per ON per.id = p.person_id
ORDER BY c.submitted_at DESC, c.id DESC
