-- Open a review round.
INSERT INTO review_rounds (id, title, created_by) VALUES ($round_id, $round_title, $actor)
