-- How many proposed or active pairs a mentor holds, leaving out one pair (0 for none).
SELECT count(*) AS used
FROM pairs
WHERE mentor_id = $mentor_id AND pair_current(status) AND id <> $pair_id
