-- The panel's comments on a bid, for its letter: reviews whose reviewer declared no conflict,
-- without the reviewer (a letter never names who said what).
WITH latest AS (
    SELECT round_id, bid_id, reviewer, arg_max(conflict, id) AS conflict
    FROM bid_conflicts WHERE bid_id = $bid_id GROUP BY ALL
)
SELECT r.comment
FROM bid_reviews r
LEFT JOIN latest l USING (round_id, bid_id, reviewer)
WHERE r.bid_id = $bid_id AND NOT coalesce(l.conflict, false)
  AND nullif(trim(r.comment), '') IS NOT NULL
ORDER BY r.round_id, r.id
