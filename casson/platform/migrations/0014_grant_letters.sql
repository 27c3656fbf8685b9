-- 0014: decision letters. What staff chose to put in a bid's letter (the award's conditions,
-- the panel's feedback and whether to share it, the information asked for), and the bid each
-- logged message was about, so a bid shows its letters and a batch never sends one twice.

CREATE TABLE bid_letter_details (
    bid_id              BIGINT PRIMARY KEY,
    reference           VARCHAR NOT NULL,
    conditions          VARCHAR,                -- an award's conditions (blank: standard terms)
    feedback            VARCHAR,                -- the panel's feedback as staff worded it
    share_feedback      BOOLEAN NOT NULL DEFAULT false,   -- only then does a letter carry it
    information_needed  VARCHAR,                -- what a more-information letter asks for
    updated_by          VARCHAR NOT NULL,
    updated_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);

ALTER TABLE email_log ADD COLUMN bid_id BIGINT;
