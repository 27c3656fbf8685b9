-- Keep a conflict-of-interest declaration (declarations are never changed, only added).
INSERT INTO bid_conflicts (round_id, bid_id, reference, reviewer, conflict, reason)
VALUES ($round_id, $bid_id, $bid_reference, $reviewer, $conflict, $conflict_reason)
RETURNING id
