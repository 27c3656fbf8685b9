-- One entry in a bid's history.
INSERT INTO bid_events (bid_id, actor, action, from_status, to_status, reason, before_state,
                        after_state)
VALUES ($bid_id, $actor, $action, $bid_from_status, $bid_status, $bid_reason, $bid_before,
        $bid_after)
