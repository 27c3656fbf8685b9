-- Assign a bid to a reviewer in a round (once).
INSERT INTO review_assignments (round_id, bid_id, reference, reviewer, assigned_by)
VALUES ($round_id, $bid_id, $bid_reference, $reviewer, $actor)
RETURNING id
