-- A case study already linked to a bid, if any.
SELECT id, title FROM case_studies WHERE bid_id = $bid_id ORDER BY id LIMIT 1
