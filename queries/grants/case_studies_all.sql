-- Case studies page: each case study with the bid reference and cohort name it came from.
SELECT cs.id, cs.title, cs.programme, cs.people, cs.organisation, cs.summary, cs.outcome,
       cs.bid_id, b.reference AS bid_reference, cs.cohort_id, c.name AS cohort_name, cs.url
FROM case_studies cs
LEFT JOIN bids b ON b.id = cs.bid_id
LEFT JOIN cohorts c ON c.id = cs.cohort_id
ORDER BY cs.programme, cs.title
