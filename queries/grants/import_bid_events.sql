-- One history row per bid an import created or changed, like a change made on the page.
-- frame events(bid_id BIGINT, action VARCHAR, from_status VARCHAR, to_status VARCHAR, reason VARCHAR, before_state VARCHAR, after_state VARCHAR)
INSERT INTO bid_events (bid_id, actor, action, from_status, to_status, reason, before_state,
                        after_state)
SELECT bid_id, $actor, action, from_status, to_status, reason, CAST(before_state AS JSON),
       CAST(after_state AS JSON)
FROM events
