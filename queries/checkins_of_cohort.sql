-- A cohort's check-ins with the person, newest first (comments are personal data: staff only).
SELECT c.id AS checkin_id, c.submitted_at, per.full_name, per.email, p.role, c.fit, c.rating,
       c.comment, c.source
FROM checkins c
JOIN participants p ON p.id = c.participant_id
JOIN people per ON per.id = p.person_id
WHERE c.cohort_id = $cohort
ORDER BY c.submitted_at DESC, c.id DESC
