-- 0008: grant review and grant management. Review rounds, who reviews which bid, every
-- conflict-of-interest declaration (append-only), the reviews, the payment schedule of an
-- award and the reports a grantee owes. References are kept beside bid ids so an export
-- reads on its own.

CREATE TABLE review_rounds (
    id          VARCHAR PRIMARY KEY,            -- e.g. 2026-spring
    title       VARCHAR NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    closed_at   TIMESTAMP                       -- reviews are editable until then
);

CREATE SEQUENCE review_assignments_id_seq START 1;

CREATE TABLE review_assignments (
    id           BIGINT PRIMARY KEY DEFAULT nextval('review_assignments_id_seq'),
    round_id     VARCHAR NOT NULL,
    bid_id       BIGINT NOT NULL,
    reference    VARCHAR NOT NULL,
    reviewer     VARCHAR NOT NULL,              -- account username
    assigned_by  VARCHAR NOT NULL,
    assigned_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (round_id, bid_id, reviewer)
);

CREATE SEQUENCE bid_conflicts_id_seq START 1;

-- Every declaration is kept; the latest one per (round, bid, reviewer) is the one in force.
CREATE TABLE bid_conflicts (
    id           BIGINT PRIMARY KEY DEFAULT nextval('bid_conflicts_id_seq'),
    round_id     VARCHAR NOT NULL,
    bid_id       BIGINT NOT NULL,
    reference    VARCHAR NOT NULL,
    reviewer     VARCHAR NOT NULL,
    conflict     BOOLEAN NOT NULL,
    reason       VARCHAR,
    declared_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (NOT conflict OR coalesce(trim(reason), '') <> '')
);

CREATE SEQUENCE bid_reviews_id_seq START 1;

CREATE TABLE bid_reviews (
    id              BIGINT PRIMARY KEY DEFAULT nextval('bid_reviews_id_seq'),
    round_id        VARCHAR NOT NULL,
    bid_id          BIGINT NOT NULL,
    reference       VARCHAR NOT NULL,
    reviewer        VARCHAR NOT NULL,
    scores          JSON NOT NULL,              -- criterion key -> 1..5
    weighted_score  DECIMAL(5, 3) NOT NULL CHECK (weighted_score BETWEEN 1 AND 5),
    recommendation  VARCHAR NOT NULL CHECK (recommendation IN ('fund', 'do_not_fund', 'maybe')),
    comment         VARCHAR,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (round_id, bid_id, reviewer)
);

CREATE SEQUENCE bid_payments_id_seq START 1;

CREATE TABLE bid_payments (
    id          BIGINT PRIMARY KEY DEFAULT nextval('bid_payments_id_seq'),
    bid_id      BIGINT NOT NULL,
    reference   VARCHAR NOT NULL,
    amount      DECIMAL(10, 2) NOT NULL CHECK (amount > 0),
    due_on      DATE NOT NULL,
    paid_on     DATE,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE bid_reports_id_seq START 1;

CREATE TABLE bid_reports (
    id           BIGINT PRIMARY KEY DEFAULT nextval('bid_reports_id_seq'),
    bid_id       BIGINT NOT NULL,
    reference    VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('interim', 'final')),
    due_on       DATE NOT NULL,
    received_on  DATE,
    outcome      VARCHAR,                       -- what the project achieved, from the report
    created_by   VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
