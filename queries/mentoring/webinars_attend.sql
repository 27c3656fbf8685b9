-- Tick one person as attending a session (a tick already there stays).
INSERT OR IGNORE INTO attendance (session_id, person_id) VALUES ($session_id, $person_id)
