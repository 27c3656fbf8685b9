-- Who reviews which bid in a round, with the declaration in force.
WITH latest AS (
    SELECT bid_id, reviewer, arg_max(conflict, id) AS conflict
    FROM bid_conflicts WHERE round_id = $round_id GROUP BY ALL
)
SELECT a.reference, a.reviewer, a.assigned_by, a.assigned_at,
       CASE WHEN l.conflict IS NULL THEN 'to declare'
            WHEN l.conflict THEN 'conflict declared' ELSE 'no conflict' END AS declaration
FROM review_assignments a
LEFT JOIN latest l USING (bid_id, reviewer)
WHERE a.round_id = $round_id
ORDER BY a.reference, a.reviewer
