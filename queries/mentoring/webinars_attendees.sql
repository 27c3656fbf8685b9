-- Who attended one session (person ids).
SELECT person_id FROM attendance WHERE session_id = $session_id ORDER BY person_id
