-- People whose every cohort ended before the cutoff, not yet erased.
SELECT p.id, p.email
FROM people p
JOIN participants pa ON pa.person_id = p.id
JOIN cohorts c ON c.id = pa.cohort_id
WHERE p.email NOT LIKE '%@' || $erase_domain
GROUP BY p.id, p.email
HAVING bool_and(c.ends_on IS NOT NULL AND c.ends_on < $retention_cutoff)
ORDER BY p.id
