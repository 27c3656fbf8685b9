-- Review rounds, newest first, with how many bids and reviewers each has.
SELECT r.id, r.title, r.created_by, r.created_at, r.closed_at,
       count(DISTINCT a.bid_id) AS bids, count(DISTINCT a.reviewer) AS reviewers
FROM review_rounds r
LEFT JOIN review_assignments a ON a.round_id = r.id
GROUP BY ALL
ORDER BY r.created_at DESC, r.id
