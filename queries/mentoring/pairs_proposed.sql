-- A cohort's proposed pairs (what "activate all" turns active), oldest first.
SELECT id AS pair_id, version
FROM pairs
WHERE cohort_id = $cohort AND status = 'proposed'
ORDER BY id
