-- Attendance marks already stored for the people an import names.
-- frame incoming_keys(person_id BIGINT)
SELECT session_id, person_id
FROM attendance
WHERE person_id IN (SELECT person_id FROM incoming_keys)
