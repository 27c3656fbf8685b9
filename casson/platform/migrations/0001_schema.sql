-- 0001: the first schema of Casson Dashboard.
-- No FOREIGN KEY clauses: DuckDB checks them eagerly inside a transaction, which breaks the
-- delete-then-reinsert and erasure paths; references are kept by the domain code and tests.

CREATE SEQUENCE people_id_seq START 1;
CREATE SEQUENCE participants_id_seq START 1;
CREATE SEQUENCE pairs_id_seq START 1;
CREATE SEQUENCE pair_events_id_seq START 1;
CREATE SEQUENCE survey_responses_id_seq START 1;
CREATE SEQUENCE sessions_id_seq START 1;
CREATE SEQUENCE coaches_id_seq START 1;
CREATE SEQUENCE courses_id_seq START 1;
CREATE SEQUENCE bids_id_seq START 1;
CREATE SEQUENCE case_studies_id_seq START 1;
CREATE SEQUENCE imports_id_seq START 1;
CREATE SEQUENCE audit_log_id_seq START 1;

CREATE TABLE cohorts (
    id          VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    starts_on   DATE,
    ends_on     DATE,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE people (
    id            BIGINT PRIMARY KEY DEFAULT nextval('people_id_seq'),
    full_name     VARCHAR NOT NULL,
    email         VARCHAR NOT NULL,
    -- email_key makes email unique case-insensitively; the CHECK keeps it honest.
    email_key     VARCHAR NOT NULL UNIQUE,
    region        VARCHAR,
    career_stage  VARCHAR,
    specialty     VARCHAR,
    employer      VARCHAR,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (email_key = lower(trim(email))),
    CHECK (region IS NULL OR region IN ('Scotland', 'Wales', 'Northern Ireland', 'London',
        'South East', 'South West', 'East of England', 'East Midlands', 'West Midlands',
        'North East', 'North West', 'Yorkshire and the Humber')),
    CHECK (career_stage IS NULL OR career_stage IN ('student', 'early career', 'mid career',
        'senior', 'leader'))
);

CREATE TABLE participants (
    id          BIGINT PRIMARY KEY DEFAULT nextval('participants_id_seq'),
    person_id   BIGINT NOT NULL,
    cohort_id   VARCHAR NOT NULL,
    role        VARCHAR NOT NULL CHECK (role IN ('mentor', 'mentee')),
    themes      VARCHAR,            -- canonical: lower case, '; ' separated
    capacity    INTEGER,            -- mentors only: how many mentees at once
    goals       VARCHAR,
    notes       VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (person_id, cohort_id, role),
    CHECK (capacity IS NULL OR capacity >= 1),
    CHECK (role = 'mentor' OR capacity IS NULL)
);

CREATE TABLE pairs (
    id           BIGINT PRIMARY KEY DEFAULT nextval('pairs_id_seq'),
    cohort_id    VARCHAR NOT NULL,
    mentor_id    BIGINT NOT NULL,   -- participants.id, role mentor
    mentee_id    BIGINT NOT NULL,   -- participants.id, role mentee
    status       VARCHAR NOT NULL DEFAULT 'proposed'
                 CHECK (status IN ('proposed', 'active', 'completed', 'ended_early')),
    match_score  DOUBLE,
    matched_by   VARCHAR NOT NULL DEFAULT 'manual' CHECK (matched_by IN ('suggested', 'manual')),
    locked       BOOLEAN NOT NULL DEFAULT false,
    started_on   DATE,
    ended_on     DATE,
    end_reason   VARCHAR,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by   VARCHAR,
    CHECK (mentor_id <> mentee_id),
    CHECK (status <> 'ended_early' OR end_reason IS NOT NULL)
);

CREATE TABLE pair_events (
    id         BIGINT PRIMARY KEY DEFAULT nextval('pair_events_id_seq'),
    pair_id    BIGINT,
    cohort_id  VARCHAR NOT NULL,
    actor      VARCHAR NOT NULL,
    occurred_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    action     VARCHAR NOT NULL,
    before_state  JSON,
    after_state   JSON,
    reason     VARCHAR
);

CREATE TABLE survey_responses (
    id                       BIGINT PRIMARY KEY DEFAULT nextval('survey_responses_id_seq'),
    cohort_id                VARCHAR NOT NULL,
    role                     VARCHAR NOT NULL CHECK (role IN ('mentor', 'mentee')),
    person_id                BIGINT,   -- linked by email when the respondent gave one
    submitted_at             TIMESTAMP,
    would_recommend          TINYINT NOT NULL CHECK (would_recommend BETWEEN 1 AND 5),
    relationship_successful  TINYINT CHECK (relationship_successful BETWEEN 1 AND 5),
    grew_confidence          TINYINT CHECK (grew_confidence BETWEEN 1 AND 5),
    career_development       TINYINT CHECK (career_development BETWEEN 1 AND 5),
    willing_to_mentor        BOOLEAN,
    comments                 VARCHAR,
    import_id                BIGINT,
    created_at               TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE sessions (
    id         BIGINT PRIMARY KEY DEFAULT nextval('sessions_id_seq'),
    cohort_id  VARCHAR,
    title      VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL DEFAULT 'webinar' CHECK (kind IN ('webinar', 'surgery')),
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP,
    notes      VARCHAR,
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
);

CREATE TABLE attendance (
    session_id  BIGINT NOT NULL,
    person_id   BIGINT NOT NULL,
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE coaches (
    id            BIGINT PRIMARY KEY DEFAULT nextval('coaches_id_seq'),
    name          VARCHAR NOT NULL,
    organisation  VARCHAR,
    kind          VARCHAR NOT NULL DEFAULT 'general' CHECK (kind IN ('ot_specialist', 'general')),
    offers        VARCHAR,          -- '; ' separated: coaching, mentoring, supervision, workshops
    fee_from      DECIMAL(10, 2) CHECK (fee_from IS NULL OR fee_from >= 0),
    fee_note      VARCHAR,
    website       VARCHAR,
    notes         VARCHAR,
    retired       BOOLEAN NOT NULL DEFAULT false,
    updated_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE courses (
    id          BIGINT PRIMARY KEY DEFAULT nextval('courses_id_seq'),
    provider    VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    format      VARCHAR CHECK (format IS NULL OR format IN ('online', 'in person', 'blended', 'distance')),
    level       VARCHAR CHECK (level IS NULL OR level IN ('short course', 'programme', 'module', 'pgcert', 'msc')),
    duration    VARCHAR,
    cost_from   DECIMAL(10, 2) CHECK (cost_from IS NULL OR cost_from >= 0),
    cost_note   VARCHAR,
    is_free     BOOLEAN NOT NULL DEFAULT false,   -- free or fully funded for the learner
    location    VARCHAR,
    url         VARCHAR,
    summary     VARCHAR,
    retired     BOOLEAN NOT NULL DEFAULT false,
    updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (provider, title)
);

CREATE TABLE bids (
    id                BIGINT PRIMARY KEY DEFAULT nextval('bids_id_seq'),
    reference         VARCHAR NOT NULL UNIQUE,
    applicant_name    VARCHAR NOT NULL,
    applicant_email   VARCHAR NOT NULL,
    employer          VARCHAR,
    region            VARCHAR,
    project_title     VARCHAR NOT NULL,
    fund              VARCHAR NOT NULL DEFAULT 'leadership' CHECK (fund IN ('leadership', 'cpd')),
    amount_requested  DECIMAL(10, 2) NOT NULL CHECK (amount_requested > 0),
    amount_awarded    DECIMAL(10, 2) CHECK (amount_awarded IS NULL OR amount_awarded >= 0),
    status            VARCHAR NOT NULL DEFAULT 'received' CHECK (status IN ('received',
                          'shortlisted', 'awarded', 'declined', 'withdrawn', 'in_progress',
                          'completed')),
    received_on       DATE,
    decided_on        DATE,
    report_received   BOOLEAN NOT NULL DEFAULT false,
    notes             VARCHAR,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by        VARCHAR,
    -- The leadership fund awards up to GBP 10,000 for a service-based project.
    CHECK (fund <> 'leadership' OR (amount_requested <= 10000
                                    AND coalesce(amount_awarded, 0) <= 10000)),
    CHECK (region IS NULL OR region IN ('Scotland', 'Wales', 'Northern Ireland', 'London',
        'South East', 'South West', 'East of England', 'East Midlands', 'West Midlands',
        'North East', 'North West', 'Yorkshire and the Humber')),
    CHECK (decided_on IS NULL OR received_on IS NULL OR decided_on >= received_on)
);

CREATE TABLE case_studies (
    id            BIGINT PRIMARY KEY DEFAULT nextval('case_studies_id_seq'),
    title         VARCHAR NOT NULL,
    programme     VARCHAR NOT NULL CHECK (programme IN ('leadership', 'mentoring')),
    people        VARCHAR,          -- as published by the trust
    organisation  VARCHAR,
    summary       VARCHAR,
    outcome       VARCHAR,
    bid_id        BIGINT,
    cohort_id     VARCHAR,
    url           VARCHAR
);

CREATE TABLE imports (
    id              BIGINT PRIMARY KEY DEFAULT nextval('imports_id_seq'),
    imported_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor           VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    file_name       VARCHAR,
    file_hash       VARCHAR NOT NULL,
    cohort_id       VARCHAR,
    rows_total      INTEGER NOT NULL DEFAULT 0,
    rows_new        INTEGER NOT NULL DEFAULT 0,
    rows_updated    INTEGER NOT NULL DEFAULT 0,
    rows_unchanged  INTEGER NOT NULL DEFAULT 0,
    rows_error      INTEGER NOT NULL DEFAULT 0,
    status          VARCHAR NOT NULL CHECK (status IN ('committed', 'partial', 'rejected', 'dry_run'))
);

CREATE TABLE audit_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id_seq'),
    occurred_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor      VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,     -- e.g. login, login_failed, bid.status, person.update
    entity     VARCHAR,
    entity_id  VARCHAR,
    detail     JSON
);

CREATE TABLE settings (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);
