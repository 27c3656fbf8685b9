-- Schedule an instalment of an award.
INSERT INTO bid_payments (bid_id, reference, amount, due_on, created_by)
VALUES ($bid_id, $bid_reference, $payment_amount, $payment_due_on, $actor)
RETURNING id
