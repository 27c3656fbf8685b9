-- How many links of a person could still be used.
SELECT count(*) AS live
FROM links_issued
WHERE person_id = $person_id AND revoked_at IS NULL AND expires_at > current_timestamp
  AND (max_uses IS NULL OR uses < max_uses)
