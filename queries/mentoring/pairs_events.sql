-- History of a cohort's pair changes, newest first.
SELECT id, change_id, pair_id, occurred_at, actor, action, before_state, after_state, reason, undone
FROM pair_events
WHERE cohort_id = $cohort
ORDER BY id DESC
LIMIT $limit
