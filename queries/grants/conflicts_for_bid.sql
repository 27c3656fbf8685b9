-- Every declaration made on a bid, for staff on the bid (all kept, newest first).
SELECT round_id, reviewer, conflict, reason, declared_at
FROM bid_conflicts
WHERE bid_id = $bid_id
ORDER BY id DESC
