-- One entry of the register of interest.
SELECT * FROM interest WHERE id = $interest_id
