-- One review round.
SELECT id, title, created_at, closed_at FROM review_rounds WHERE id = $round_id
