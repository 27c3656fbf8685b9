-- People on the register wanting to mentor in a cohort (or a future one) who have not joined, declined or withdrawn, with their consent.
SELECT i.id AS interest_id, i.person_id, i.full_name, i.email, i.consent, i.status
FROM interest i
WHERE i.role_wanted = 'mentor' AND i.cohort_wanted IN ($cohort_id, 'future')
  AND i.status IN ('new', 'invited')
ORDER BY i.full_name, i.id
