-- The register of interest, every column (export interest).
SELECT * FROM interest ORDER BY id
