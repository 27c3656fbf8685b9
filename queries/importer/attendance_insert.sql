-- New attendance marks (session and person resolved by title and email).
-- frame incoming(session_id BIGINT, person_id BIGINT)
INSERT INTO attendance (session_id, person_id)
SELECT session_id, person_id FROM incoming
