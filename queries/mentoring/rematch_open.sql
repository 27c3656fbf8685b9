-- A cohort's open rematch requests with the participant and their pair's people.
SELECT r.id, r.participant_id, r.pair_id, r.reason, r.source, r.requested_at, pa.role,
       per.full_name, per.email, pr.mentor_id, pr.mentee_id
FROM rematch_requests r
JOIN participants pa ON pa.id = r.participant_id
JOIN people per ON per.id = pa.person_id
LEFT JOIN pairs pr ON pr.id = r.pair_id
WHERE r.cohort_id = $cohort AND r.closed_at IS NULL
ORDER BY r.requested_at, r.id
