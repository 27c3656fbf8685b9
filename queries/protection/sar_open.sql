-- The oldest unanswered request from an address (an export answers it).
SELECT id, received_on, due_on FROM subject_access_requests
WHERE email_key = $email_key AND sent_on IS NULL
ORDER BY received_on, id
LIMIT 1
