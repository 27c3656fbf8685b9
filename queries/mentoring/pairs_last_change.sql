-- The events of a cohort's most recent change that is not an undo and not yet undone.
SELECT id, pair_id, actor, action, before_state, after_state, occurred_at, change_id
FROM pair_events
WHERE cohort_id = $cohort AND change_id = (
    SELECT max(change_id) FROM pair_events
    WHERE cohort_id = $cohort AND NOT coalesce(undone, false) AND action <> 'undo'
          AND change_id IS NOT NULL)
ORDER BY id DESC
