-- The history of one bid, newest first.
SELECT occurred_at, actor, action, from_status, to_status, reason, after_state
FROM bid_events
WHERE bid_id = $bid_id
ORDER BY occurred_at DESC, id DESC
