-- Grant bids whose applicant has the email being erased.
SELECT id, applicant_name, applicant_email FROM bids
WHERE lower(trim(applicant_email)) = $erase_email
ORDER BY id
