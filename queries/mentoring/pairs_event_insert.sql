-- One row of a pair's history: who changed what, before and after, and why.
INSERT INTO pair_events (pair_id, cohort_id, actor, action, before_state, after_state, reason,
                         change_id)
VALUES ($pair_id, $cohort, $actor, $action, $before_state, $after_state, $reason, $change_id)
