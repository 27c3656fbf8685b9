-- Log a subject access request as received.
INSERT INTO subject_access_requests (email, email_key, person_id, matched, received_on, due_on,
                                     logged_by)
VALUES ($email, $email_key, $person_id, $sar_matched, $sar_received_on, $sar_due_on, $actor)
RETURNING id
