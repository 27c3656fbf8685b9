-- Every review of a bid, for staff, with whether the reviewer's declaration in force is a
-- conflict (a conflicted reviewer's review is left out of the averages).
WITH latest AS (
    SELECT round_id, bid_id, reviewer, arg_max(conflict, id) AS conflict
    FROM bid_conflicts WHERE bid_id = $bid_id GROUP BY ALL
)
SELECT r.round_id, r.reviewer, r.weighted_score, r.recommendation, r.comment, r.scores,
       coalesce(l.conflict, false) AS conflicted, r.updated_at
FROM bid_reviews r
LEFT JOIN latest l USING (round_id, bid_id, reviewer)
WHERE r.bid_id = $bid_id
ORDER BY r.round_id, r.reviewer
