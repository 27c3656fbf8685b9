-- A reminder delivered: never again for this (recipient, purpose, due date, what about).
INSERT OR IGNORE INTO reminders_sent (recipient, person_id, purpose, due_on, about, status)
VALUES (lower($recipient), $person_id, $purpose, $due_on, $about, $mail_status)
