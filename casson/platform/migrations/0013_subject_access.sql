-- 0013: the log of subject access requests (UK GDPR art. 15): when each was received, when it
-- is due (one calendar month later), when the export was made and by whom.
CREATE SEQUENCE subject_access_requests_id_seq START 1;

CREATE TABLE subject_access_requests (
    id           BIGINT PRIMARY KEY DEFAULT nextval('subject_access_requests_id_seq'),
    email        VARCHAR NOT NULL,       -- as the requester gave it
    email_key    VARCHAR NOT NULL,       -- lower(trim(email))
    person_id    BIGINT,                 -- people.id when the address matched a person
    matched      BOOLEAN NOT NULL,       -- any record (person, bid, register entry) matched
    received_on  DATE NOT NULL,
    due_on       DATE NOT NULL,
    logged_by    VARCHAR NOT NULL,
    logged_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    sent_on      DATE,                   -- the export was made to send
    sent_by      VARCHAR,
    rows_sent    INTEGER,
    CHECK (due_on > received_on)
);
