-- The register of interest, newest first, with whether each person is already known and where they joined.
SELECT i.id, i.full_name, i.email, i.region, i.role_wanted, i.cohort_wanted, i.source, i.consent,
       i.registered_on, i.status, i.joined_cohort, i.person_id, i.from_cohort, i.notes,
       i.updated_at, i.updated_by,
       (SELECT count(*) FROM participants pa
         JOIN people p ON p.id = pa.person_id WHERE p.email_key = i.email_key) AS past_cohorts
FROM interest i
ORDER BY i.registered_on DESC NULLS LAST, i.id DESC
