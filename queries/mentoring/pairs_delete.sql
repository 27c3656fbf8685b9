-- Remove a pair (a withdrawn proposal, or an undone creation) if still at the loaded version.
-- No RETURNING: in DuckDB 2.0 a DELETE ... RETURNING skips write-conflict detection.
DELETE FROM pairs WHERE id = $pair_id AND version = $version
