-- A report came in: when, and the outcome it records.
UPDATE bid_reports SET received_on = $report_received_on, outcome = $report_outcome
WHERE id = $report_id
