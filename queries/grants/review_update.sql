-- Change a review, only if it is still the version the reviewer read.
UPDATE bid_reviews
SET scores = $review_scores, weighted_score = $review_weighted,
    recommendation = $review_recommendation, comment = $review_comment,
    version = version + 1, updated_at = current_timestamp
WHERE round_id = $round_id AND bid_id = $bid_id AND reviewer = $reviewer AND version = $version
