-- A live entry (not declined or withdrawn) for the same email, role and cohort wanted.
SELECT id, status FROM interest
WHERE email_key = $email_key AND role_wanted = $role_wanted AND cohort_wanted = $cohort_wanted
  AND status NOT IN ('declined', 'withdrew')
ORDER BY id LIMIT 1
