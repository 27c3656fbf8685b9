-- One instalment.
SELECT id, bid_id, reference, amount, due_on, paid_on FROM bid_payments WHERE id = $payment_id
