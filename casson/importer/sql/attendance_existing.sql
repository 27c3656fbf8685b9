-- Attendance marks already stored for the people an import names.
SELECT session_id, person_id
FROM attendance
WHERE person_id IN (SELECT person_id FROM incoming_keys)
