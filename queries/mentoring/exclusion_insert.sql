-- The pair's mentor and mentee (as people) are never proposed together again.
INSERT OR IGNORE INTO match_exclusions (mentor_person_id, mentee_person_id, pair_id, reason,
    created_by)
SELECT mp.person_id, ep.person_id, pr.id, $reason, $actor
FROM pairs pr
JOIN participants mp ON mp.id = pr.mentor_id
JOIN participants ep ON ep.id = pr.mentee_id
WHERE pr.id = $pair_id
