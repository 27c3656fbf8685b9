-- New attendance marks (session and person resolved by title and email).
INSERT INTO attendance (session_id, person_id)
SELECT session_id, person_id FROM incoming
