-- The export for a request was made (to send to the requester).
UPDATE subject_access_requests
SET sent_on = $sar_sent_on, sent_by = $actor, rows_sent = $sar_rows, person_id = $person_id,
    matched = $sar_matched
WHERE id = $sar_id
