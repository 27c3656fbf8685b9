-- 0009: intake and email. The register of interest, programme email (templates, the log of
-- every message, opt-outs), and the directory's published resources with readers' suggestions.
-- No UNIQUE constraints on rows that are later updated (DuckDB checks them eagerly inside a
-- transaction); uniqueness is kept by casson/interest.py and casson/resources.py.

CREATE SEQUENCE interest_id_seq START 1;
CREATE SEQUENCE email_log_id_seq START 1;
CREATE SEQUENCE resources_id_seq START 1;
CREATE SEQUENCE suggestions_id_seq START 1;

CREATE TABLE interest (
    id             BIGINT PRIMARY KEY DEFAULT nextval('interest_id_seq'),
    full_name      VARCHAR NOT NULL,
    email          VARCHAR NOT NULL,
    email_key      VARCHAR NOT NULL,
    region         VARCHAR,
    role_wanted    VARCHAR NOT NULL CHECK (role_wanted IN ('mentor', 'mentee')),
    cohort_wanted  VARCHAR NOT NULL DEFAULT 'future',   -- a cohort id, or 'future'
    source         VARCHAR,                             -- e.g. registration form, staff, survey
    consent        BOOLEAN NOT NULL DEFAULT false,      -- consented to be contacted
    registered_on  DATE,
    status         VARCHAR NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'invited', 'joined', 'declined', 'withdrew')),
    joined_cohort  VARCHAR,                             -- set when status is joined
    person_id      BIGINT,                              -- people.id once linked
    from_cohort    VARCHAR,                             -- the loop: the cohort they were a mentee of
    notes          VARCHAR,
    import_id      BIGINT,
    created_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by     VARCHAR,
    -- email_key = lower(trim(email)) is set by the insert; no CHECK, since erasure scrubs the
    -- two columns one after the other.
    CHECK (status <> 'joined' OR joined_cohort IS NOT NULL),
    CHECK (region IS NULL OR region IN ('Scotland', 'Wales', 'Northern Ireland', 'London',
        'South East', 'South West', 'East of England', 'East Midlands', 'West Midlands',
        'North East', 'North West', 'Yorkshire and the Humber'))
);

CREATE TABLE email_templates (
    name        VARCHAR PRIMARY KEY,  -- introduction | webinar | checkin | invite-mentor
    subject     VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by  VARCHAR
);

CREATE TABLE email_log (
    id           BIGINT PRIMARY KEY DEFAULT nextval('email_log_id_seq'),
    logged_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor        VARCHAR NOT NULL,
    template     VARCHAR NOT NULL,
    cohort_id    VARCHAR,
    person_id    BIGINT,
    interest_id  BIGINT,
    pair_id      BIGINT,
    session_id   BIGINT,
    recipient    VARCHAR NOT NULL,
    subject      VARCHAR,
    -- sent: accepted by the SMTP server; written: an .eml in the outbox; failed: see error
    status       VARCHAR NOT NULL CHECK (status IN ('sent', 'written', 'failed')),
    error        VARCHAR,
    message_key  VARCHAR NOT NULL,   -- the same message to the same person: a retry skips it once delivered
    eml_file     VARCHAR
);

CREATE TABLE email_opt_outs (
    person_id  BIGINT PRIMARY KEY,
    set_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    set_by     VARCHAR NOT NULL
);

CREATE TABLE resources (
    id          BIGINT PRIMARY KEY DEFAULT nextval('resources_id_seq'),
    title       VARCHAR NOT NULL,
    source      VARCHAR,             -- authors, or the publishing body
    year        INTEGER CHECK (year IS NULL OR year BETWEEN 1900 AND 2100),
    url         VARCHAR,
    topic       VARCHAR,
    annotation  VARCHAR,             -- the trust's note on why it is worth reading
    retired     BOOLEAN NOT NULL DEFAULT false,
    updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE suggestions (
    id            BIGINT PRIMARY KEY DEFAULT nextval('suggestions_id_seq'),
    kind          VARCHAR NOT NULL CHECK (kind IN ('course', 'resource')),
    title         VARCHAR NOT NULL,
    provider      VARCHAR,           -- course provider, or a resource's authors or source
    url           VARCHAR,
    year          INTEGER,
    topic         VARCHAR,
    note          VARCHAR,           -- why the reader suggests it
    suggested_by  VARCHAR,
    email         VARCHAR,
    source        VARCHAR NOT NULL DEFAULT 'staff',
    status        VARCHAR NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'accepted', 'declined')),
    decided_by    VARCHAR,
    decided_at    TIMESTAMP,
    entry_id      BIGINT,            -- courses.id or resources.id once accepted
    import_id     BIGINT,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
