-- Untick one person's attendance at a session.
DELETE FROM attendance WHERE session_id = $session_id AND person_id = $person_id
