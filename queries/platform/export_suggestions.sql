-- The suggestions queue (export suggestions).
SELECT * FROM suggestions ORDER BY id
