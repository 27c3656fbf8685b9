-- Log one message: every message is logged, delivered or not.
INSERT INTO email_log (actor, template, cohort_id, person_id, interest_id, pair_id, session_id,
                       bid_id, recipient, subject, status, error, message_key, eml_file)
VALUES ($actor, $template, $cohort_id, $person_id, $interest_id, $pair_id, $session_id,
        $bid_id, $recipient, $subject, $mail_status, $error, $message_key, $eml_file)
RETURNING id
