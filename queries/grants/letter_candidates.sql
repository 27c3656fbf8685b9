-- Bids a decision letter can go to (awarded, declined, received or shortlisted), with what
-- staff chose to put in their letter (conditions, feedback and whether to share it).
SELECT b.id AS bid_id, b.reference, b.applicant_name, b.applicant_email, b.project_title,
       b.fund, b.amount_requested, b.amount_awarded, b.status, b.decided_on,
       d.conditions, d.feedback, coalesce(d.share_feedback, false) AS share_feedback,
       d.information_needed
FROM bids b
LEFT JOIN bid_letter_details d ON d.bid_id = b.id
WHERE b.status IN ('awarded', 'declined', 'received', 'shortlisted')
ORDER BY b.reference
