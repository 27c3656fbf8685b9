-- Every reminder already delivered: (recipient, purpose, due date, what about).
SELECT lower(recipient) AS recipient, purpose, due_on, about FROM reminders_sent
