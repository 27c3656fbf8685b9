-- What staff chose to put in one bid's decision letter, if anything yet.
SELECT bid_id, reference, conditions, feedback, share_feedback, information_needed,
       updated_by, updated_at
FROM bid_letter_details
WHERE bid_id = $bid_id
