-- Link a case study to the bid and/or cohort it came from (NULL: not known).
UPDATE case_studies SET bid_id = $case_bid_id, cohort_id = $case_cohort_id WHERE id = $case_id
