-- The log of subject access requests, oldest due first; overdue ones are unanswered past due.
SELECT id, email, matched, received_on, due_on, sent_on, sent_by, rows_sent, logged_by,
       sent_on IS NULL AND due_on < $as_of AS overdue
FROM subject_access_requests
ORDER BY sent_on IS NOT NULL, due_on, id
