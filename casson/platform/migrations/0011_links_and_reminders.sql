-- 0011: participants' own links, rematch requests, match exclusions and reminders sent.
-- meetings and checkins gain the source 'link': DuckDB cannot change a CHECK in place, so each
-- table is rebuilt with the same columns (SELECT * fails loudly if a column was added since).

CREATE TABLE meetings_0011 (
    id          BIGINT PRIMARY KEY DEFAULT nextval('meetings_id_seq'),
    pair_id     BIGINT NOT NULL,
    cohort_id   VARCHAR NOT NULL,
    met_on      DATE NOT NULL,
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
    format      VARCHAR CHECK (format IS NULL OR format IN ('video', 'phone', 'in person')),
    note        VARCHAR,
    source      VARCHAR NOT NULL DEFAULT 'staff'
                CHECK (source IN ('staff', 'import', 'demo', 'link')),
    import_id   BIGINT,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR,
    UNIQUE (pair_id, met_on)
);
INSERT INTO meetings_0011 SELECT * FROM meetings;
DROP TABLE meetings;
ALTER TABLE meetings_0011 RENAME TO meetings;

CREATE TABLE checkins_0011 (
    id              BIGINT PRIMARY KEY DEFAULT nextval('checkins_id_seq'),
    cohort_id       VARCHAR NOT NULL,
    participant_id  BIGINT NOT NULL,
    fit             VARCHAR CHECK (fit IS NULL OR fit IN ('good', 'unsure', 'poor')),
    rating          TINYINT CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
    comment         VARCHAR,
    submitted_at    TIMESTAMP NOT NULL,
    source          VARCHAR NOT NULL DEFAULT 'staff'
                    CHECK (source IN ('staff', 'import', 'demo', 'link')),
    import_id       BIGINT,
    created_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by      VARCHAR,
    UNIQUE (participant_id, submitted_at)
);
INSERT INTO checkins_0011 SELECT * FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_0011 RENAME TO checkins;

-- Survey answers say how they came: an import (every earlier row) or a personal link.
ALTER TABLE survey_responses ADD COLUMN source VARCHAR DEFAULT 'import';

CREATE SEQUENCE links_issued_id_seq START 1;
CREATE SEQUENCE rematch_requests_id_seq START 1;
CREATE SEQUENCE reminders_sent_id_seq START 1;

-- Every personal link handed out. The token carries purpose, subject and expiry, signed; this
-- row is what lets staff revoke it and what counts its uses (no UNIQUE on updated rows).
CREATE TABLE links_issued (
    id          BIGINT PRIMARY KEY DEFAULT nextval('links_issued_id_seq'),
    nonce       VARCHAR NOT NULL,
    purpose     VARCHAR NOT NULL
                CHECK (purpose IN ('meeting', 'checkin', 'survey', 'details', 'report')),
    person_id   BIGINT,             -- whose link it is (an applicant's bid has none)
    subject     VARCHAR NOT NULL,   -- pair id, participant id, person id or report id
    cohort_id   VARCHAR,
    email       VARCHAR NOT NULL,   -- where it was sent: revoking by person covers applicants
    expires_at  TIMESTAMP NOT NULL,
    max_uses    INTEGER,            -- NULL: as often as wanted until it expires
    uses        INTEGER NOT NULL DEFAULT 0,
    last_used_at TIMESTAMP,
    revoked_at  TIMESTAMP,
    revoked_by  VARCHAR,
    issued_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    issued_by   VARCHAR NOT NULL
);

-- A participant who reported a poor fit asks for a new match; staff close it.
CREATE TABLE rematch_requests (
    id              BIGINT PRIMARY KEY DEFAULT nextval('rematch_requests_id_seq'),
    cohort_id       VARCHAR NOT NULL,
    participant_id  BIGINT NOT NULL,
    pair_id         BIGINT,
    reason          VARCHAR NOT NULL,
    source          VARCHAR NOT NULL CHECK (source IN ('staff', 'link')),
    requested_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    closed_at       TIMESTAMP,
    closed_by       VARCHAR
);

-- A mentor and mentee (people, so it holds across cohorts) never proposed together again.
CREATE TABLE match_exclusions (
    mentor_person_id  BIGINT NOT NULL,
    mentee_person_id  BIGINT NOT NULL,
    pair_id           BIGINT,
    reason            VARCHAR NOT NULL,
    created_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by        VARCHAR NOT NULL,
    PRIMARY KEY (mentor_person_id, mentee_person_id)
);

-- Each reminder once: (person or address, purpose, due date, what it is about); kept unique by
-- casson/mail/reminders.py, not a UNIQUE constraint (erasure rewrites recipient in place).
CREATE TABLE reminders_sent (
    id          BIGINT PRIMARY KEY DEFAULT nextval('reminders_sent_id_seq'),
    recipient   VARCHAR NOT NULL,
    person_id   BIGINT,
    purpose     VARCHAR NOT NULL,
    due_on      DATE NOT NULL,
    about       VARCHAR NOT NULL,   -- cohort-2, pair 12, report 7 …
    status      VARCHAR NOT NULL,   -- sent | written (the outbox)
    sent_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
