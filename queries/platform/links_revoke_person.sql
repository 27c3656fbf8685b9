-- Staff revoke every live link of a person.
WITH gone AS (
    UPDATE links_issued SET revoked_at = current_timestamp, revoked_by = $actor
    WHERE person_id = $person_id AND revoked_at IS NULL
    RETURNING id
)
SELECT count(*) AS revoked FROM gone
