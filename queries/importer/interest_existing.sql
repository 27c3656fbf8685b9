-- The register of interest as an import compares with it (a small table), matched in code by email, role and cohort wanted.
SELECT id AS existing_id, email, role_wanted, cohort_wanted, full_name, region, consent, source, notes
FROM interest
