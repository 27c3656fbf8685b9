-- Close a round: its reviews can no longer change.
UPDATE review_rounds SET closed_at = current_timestamp WHERE id = $round_id AND closed_at IS NULL
