-- A person opts out of programme email.
INSERT OR REPLACE INTO email_opt_outs (person_id, set_at, set_by) VALUES ($person_id, current_timestamp, $actor)
