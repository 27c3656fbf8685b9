-- Change a bid's status, award, notes, report flag and decision date, only if nobody else
-- changed it since it was read (version check). No RETURNING: in DuckDB 2.0 an UPDATE …
-- RETURNING skips the write-conflict check, so racing saves could both pass.
UPDATE bids
SET status = $bid_status,
    amount_awarded = $bid_awarded,
    notes = $bid_notes,
    report_received = $bid_report,
    decided_on = $bid_decided_on,
    version = version + 1,
    updated_at = current_timestamp,
    updated_by = $actor
WHERE id = $bid_id AND version = $bid_version
