-- What a reviewer may read of a bid: the project, applicant name and employer; never the
-- email or the staff notes.
SELECT id, reference, project_title, applicant_name, employer, region, fund, amount_requested,
       received_on
FROM bids
WHERE id = $bid_id
