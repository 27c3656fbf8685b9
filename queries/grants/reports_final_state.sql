-- A bid's final reports: how many are expected and how many came in (completion needs one).
SELECT count(*) AS expected, count(received_on) AS received, min(due_on) AS due_on
FROM bid_reports
WHERE bid_id = $bid_id AND kind = 'final'
