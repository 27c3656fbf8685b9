-- The panel view of a round: its bids ranked by the weighted mean of the reviews of
-- reviewers whose declaration in force says no conflict, with the spread (sample standard
-- deviation, blank under two reviews) and the number of reviews counted.
WITH latest AS (
    SELECT bid_id, reviewer, arg_max(conflict, id) AS conflict
    FROM bid_conflicts WHERE round_id = $round_id GROUP BY ALL
),
assigned AS (
    SELECT a.bid_id, count(*) AS assigned,
           count(*) FILTER (WHERE l.conflict) AS conflicts,
           count(*) FILTER (WHERE l.conflict IS NULL) AS undeclared
    FROM review_assignments a
    LEFT JOIN latest l USING (bid_id, reviewer)
    WHERE a.round_id = $round_id
    GROUP BY a.bid_id
),
counted AS (
    SELECT r.bid_id, count(*) AS reviews,
           round(avg(r.weighted_score), 2) AS weighted_mean,
           round(stddev_samp(r.weighted_score), 2) AS spread,
           min(r.weighted_score) AS lowest, max(r.weighted_score) AS highest,
           count(*) FILTER (WHERE r.recommendation = 'fund') AS fund_votes
    FROM bid_reviews r
    JOIN latest l USING (bid_id, reviewer)
    WHERE r.round_id = $round_id AND NOT l.conflict
    GROUP BY r.bid_id
)
SELECT b.id AS bid_id, b.reference, b.project_title, b.applicant_name, b.fund,
       b.amount_requested, b.amount_awarded, b.status, b.version,
       c.weighted_mean, c.spread, coalesce(c.reviews, 0) AS reviews,
       c.lowest, c.highest, coalesce(c.fund_votes, 0) AS fund_votes,
       a.assigned, a.conflicts, a.undeclared
FROM assigned a
JOIN bids b ON b.id = a.bid_id
LEFT JOIN counted c ON c.bid_id = a.bid_id
ORDER BY c.weighted_mean DESC NULLS LAST, c.reviews DESC, b.reference
