-- One report due.
SELECT id, bid_id, reference, kind, due_on, received_on, outcome FROM bid_reports WHERE id = $report_id
