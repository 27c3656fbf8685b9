-- Add a case study; returns its id.
INSERT INTO case_studies (title, programme, people, organisation, summary, outcome, bid_id,
                          cohort_id, url)
VALUES ($case_title, $case_programme, $case_people, $case_organisation, $case_summary,
        $case_outcome, $case_bid_id, $case_cohort_id, $case_url)
RETURNING id
