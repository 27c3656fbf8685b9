-- A mentee's proposed or active pairs other than one pair (0 for none), with the mentor's name.
SELECT pr.id, pr.status, per.full_name AS mentor_name
FROM pairs pr
JOIN participants mp ON mp.id = pr.mentor_id
JOIN people per ON per.id = mp.person_id
WHERE pr.mentee_id = $mentee_id AND pair_current(pr.status) AND pr.id <> $pair_id
