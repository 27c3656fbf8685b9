-- A reviewer's assigned bids across rounds: project, applicant name and employer (never the
-- email; under blind review not the name or employer either: they never leave the database),
-- the declaration in force and their own review, if any.
WITH latest AS (
    SELECT round_id, bid_id, arg_max(conflict, id) AS conflict
    FROM bid_conflicts WHERE reviewer = $reviewer GROUP BY ALL
)
SELECT a.round_id, rr.title AS round_title, rr.closed_at IS NOT NULL AS round_closed,
       -- a declared conflict withholds who and what the bid is: the reviewer keeps the reference;
       -- blind review ($blind) withholds who
       b.id AS bid_id, b.reference,
       CASE WHEN l.conflict THEN NULL ELSE b.project_title END AS project_title,
       CASE WHEN l.conflict OR $blind THEN NULL ELSE b.applicant_name END AS applicant_name,
       CASE WHEN l.conflict OR $blind THEN NULL ELSE b.employer END AS employer,
       CASE WHEN l.conflict IS NULL THEN 'to declare'
            WHEN l.conflict THEN 'conflict declared' ELSE 'no conflict' END AS declaration,
       r.weighted_score, r.recommendation
FROM review_assignments a
JOIN review_rounds rr ON rr.id = a.round_id
JOIN bids b ON b.id = a.bid_id
LEFT JOIN latest l ON l.round_id = a.round_id AND l.bid_id = a.bid_id
LEFT JOIN bid_reviews r ON r.round_id = a.round_id AND r.bid_id = a.bid_id
                       AND r.reviewer = a.reviewer
WHERE a.reviewer = $reviewer
ORDER BY rr.closed_at IS NOT NULL, a.round_id DESC, b.reference
