-- One use of a link, counted in the submission's transaction.
UPDATE links_issued SET uses = uses + 1, last_used_at = current_timestamp
WHERE id = $link_id
RETURNING uses, max_uses
