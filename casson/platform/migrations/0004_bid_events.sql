-- 0004: the history of each grant bid (status changes, awards, notes), shown to staff on the
-- Bids page. The audit_log row of the same change is written in the same transaction.

CREATE SEQUENCE bid_events_id_seq START 1;

CREATE TABLE bid_events (
    id            BIGINT PRIMARY KEY DEFAULT nextval('bid_events_id_seq'),
    bid_id        BIGINT NOT NULL,   -- bids.id
    actor         VARCHAR NOT NULL,
    occurred_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    action        VARCHAR NOT NULL,  -- bid.add, bid.status, bid.update
    from_status   VARCHAR,
    to_status     VARCHAR,
    reason        VARCHAR NOT NULL,
    before_state  JSON,
    after_state   JSON
);
