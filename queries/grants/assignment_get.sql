-- Is this reviewer assigned this bid in this round?
SELECT id, round_id, bid_id, reference, reviewer
FROM review_assignments
WHERE round_id = $round_id AND bid_id = $bid_id AND reviewer = $reviewer
