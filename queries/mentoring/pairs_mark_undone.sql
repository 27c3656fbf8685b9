-- Mark the events of one change as undone.
UPDATE pair_events SET undone = true WHERE change_id = $change_id
