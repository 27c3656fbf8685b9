-- Change an instalment's amount, due date or paid date.
UPDATE bid_payments
SET amount = $payment_amount, due_on = $payment_due_on, paid_on = $payment_paid_on
WHERE id = $payment_id
