-- A reviewer's first review of a bid in a round.
INSERT INTO bid_reviews (round_id, bid_id, reference, reviewer, scores, weighted_score,
                         recommendation, comment)
VALUES ($round_id, $bid_id, $bid_reference, $reviewer, $review_scores, $review_weighted,
        $review_recommendation, $review_comment)
RETURNING id
