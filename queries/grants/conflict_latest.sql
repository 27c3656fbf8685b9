-- The declaration in force: the latest one this reviewer made on this bid in this round.
SELECT id, conflict, reason, declared_at
FROM bid_conflicts
WHERE round_id = $round_id AND bid_id = $bid_id AND reviewer = $reviewer
ORDER BY id DESC
LIMIT 1
