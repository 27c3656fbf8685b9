-- The directory's published resources (export resources).
SELECT * FROM resources ORDER BY id
