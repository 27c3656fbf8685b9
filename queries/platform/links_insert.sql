-- One personal link handed out.
INSERT INTO links_issued (nonce, purpose, person_id, subject, cohort_id, email, expires_at,
    max_uses, issued_by)
VALUES ($nonce, $purpose, $person_id, $subject, $cohort_id, $email, $expires_at, $max_uses, $actor)
