-- Every paid instalment (bid and date only: aggregates of money paid, for every role).
SELECT bid_id, amount, paid_on FROM bid_payments WHERE paid_on IS NOT NULL
