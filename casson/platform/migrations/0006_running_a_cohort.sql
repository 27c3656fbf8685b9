-- 0006: running a cohort: its status, pairs' meetings, participants' check-ins, webinar links.
-- A cohort moves planned -> recruiting -> matching -> running -> closed (checked in casson.cohorts;
-- DuckDB cannot add a CHECK with ALTER TABLE).
ALTER TABLE cohorts ADD COLUMN status VARCHAR DEFAULT 'planned';
ALTER TABLE sessions ADD COLUMN join_url VARCHAR;

CREATE SEQUENCE meetings_id_seq START 1;
CREATE SEQUENCE checkins_id_seq START 1;

-- A pair's meeting; the note is for staff only (never shown to other roles or exported to them).
CREATE TABLE meetings (
    id          BIGINT PRIMARY KEY DEFAULT nextval('meetings_id_seq'),
    pair_id     BIGINT NOT NULL,
    cohort_id   VARCHAR NOT NULL,
    met_on      DATE NOT NULL,
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
    format      VARCHAR CHECK (format IS NULL OR format IN ('video', 'phone', 'in person')),
    note        VARCHAR,
    source      VARCHAR NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'import', 'demo')),
    import_id   BIGINT,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR,
    UNIQUE (pair_id, met_on)
);

-- A participant's mid-term check-in.
CREATE TABLE checkins (
    id              BIGINT PRIMARY KEY DEFAULT nextval('checkins_id_seq'),
    cohort_id       VARCHAR NOT NULL,
    participant_id  BIGINT NOT NULL,
    fit             VARCHAR CHECK (fit IS NULL OR fit IN ('good', 'unsure', 'poor')),
    rating          TINYINT CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    comment         VARCHAR,
    submitted_at    TIMESTAMP NOT NULL,
    source          VARCHAR NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'import', 'demo')),
    import_id       BIGINT,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by      VARCHAR,
    UNIQUE (participant_id, submitted_at)
);
