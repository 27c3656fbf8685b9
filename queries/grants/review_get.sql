-- This reviewer's review of a bid in a round.
SELECT id, scores, weighted_score, recommendation, comment, version, updated_at
FROM bid_reviews
WHERE round_id = $round_id AND bid_id = $bid_id AND reviewer = $reviewer
