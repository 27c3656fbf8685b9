-- Move an entry of the register to a new status (joined_cohort and person_id when joining).
UPDATE interest
SET status = $interest_status, joined_cohort = $joined_cohort, person_id = coalesce($person_id, person_id),
    updated_at = current_timestamp, updated_by = $actor
WHERE id = $interest_id
