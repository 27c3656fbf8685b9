-- CSV export: case studies of funded and mentoring work.
SELECT cs.title, cs.programme, cs.people, cs.organisation, cs.summary, cs.outcome,
       b.reference AS bid_reference, cs.cohort_id, cs.url
FROM case_studies cs
LEFT JOIN bids b ON b.id = cs.bid_id
ORDER BY cs.programme, cs.title
