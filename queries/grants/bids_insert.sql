-- Add one bid received by staff; returns its id.
INSERT INTO bids (reference, applicant_name, applicant_email, employer, region, project_title,
                  fund, amount_requested, status, received_on, notes, updated_by)
VALUES ($bid_reference, $bid_applicant_name, $bid_applicant_email, $bid_employer, $bid_region,
        $bid_title, $bid_fund, $bid_requested, 'received', $bid_received_on, $bid_notes, $actor)
RETURNING id
