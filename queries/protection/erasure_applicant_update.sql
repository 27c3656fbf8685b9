-- Anonymise a bid's applicant (the bid and its amounts stay).
UPDATE bids SET applicant_name = $erase_name, applicant_email = $erase_anon_email
WHERE id = $erase_bid_id
