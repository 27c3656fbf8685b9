-- Remove a pair (a withdrawn proposal, or an undone creation) if still at the loaded version.
DELETE FROM pairs WHERE id = $pair_id AND version = $version RETURNING id
