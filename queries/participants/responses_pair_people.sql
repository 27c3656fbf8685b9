-- The two people of a pair, for a meeting link: which one is its holder.
SELECT mp.person_id, 'mentor' AS role FROM pairs pr JOIN participants mp ON mp.id = pr.mentor_id
WHERE pr.id = $pair_id
UNION ALL
SELECT ep.person_id, 'mentee' AS role FROM pairs pr JOIN participants ep ON ep.id = pr.mentee_id
WHERE pr.id = $pair_id
