-- One case study by id.
SELECT id, title, programme, people, organisation, summary, outcome, bid_id, cohort_id, url
FROM case_studies
WHERE id = $case_id
