-- The issued link a token's nonce names.
SELECT id, nonce, purpose, person_id, subject, cohort_id, email, expires_at, max_uses, uses,
       last_used_at, revoked_at
FROM links_issued
WHERE nonce = $nonce
