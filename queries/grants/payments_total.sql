-- What is scheduled on a bid, leaving out one instalment (the one being changed; 0 for none).
SELECT coalesce(sum(amount), 0) AS scheduled, coalesce(sum(amount) FILTER (WHERE paid_on IS NOT NULL), 0) AS paid
FROM bid_payments
WHERE bid_id = $bid_id AND id <> $payment_id
