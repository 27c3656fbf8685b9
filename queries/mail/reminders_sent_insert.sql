-- A reminder delivered: never again for this (recipient, purpose, due date, what about).
INSERT INTO reminders_sent (recipient, person_id, purpose, due_on, about, status)
SELECT lower($recipient), $person_id, $purpose, $due_on, $about, $mail_status
WHERE NOT EXISTS (SELECT 1 FROM reminders_sent
                  WHERE recipient = lower($recipient) AND purpose = $purpose
                    AND due_on = $due_on AND about = $about)
