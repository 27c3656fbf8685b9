-- What a reviewer may read of a bid: the project, applicant name and employer; never the
-- email or the staff notes. Under blind review ($blind) not the name or employer either.
SELECT id, reference, project_title,
       CASE WHEN $blind THEN NULL ELSE applicant_name END AS applicant_name,
       CASE WHEN $blind THEN NULL ELSE employer END AS employer,
       region, fund, amount_requested, received_on
FROM bids
WHERE id = $bid_id
