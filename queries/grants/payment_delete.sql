-- Remove an unpaid instalment from a schedule.
DELETE FROM bid_payments WHERE id = $payment_id AND paid_on IS NULL
