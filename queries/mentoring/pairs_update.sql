-- Save a pair only if it is still at the version the user loaded; returns the row count.
-- No RETURNING: in DuckDB 2.0 an UPDATE ... RETURNING skips write-conflict detection.
UPDATE pairs SET
    mentor_id = $mentor_id,
    status = $status,
    match_score = $match_score,
    matched_by = $matched_by,
    locked = $locked,
    started_on = $started_on,
    ended_on = $ended_on,
    end_reason = $end_reason,
    version = version + 1,
    updated_at = current_timestamp,
    updated_by = $actor
WHERE id = $pair_id AND version = $version
