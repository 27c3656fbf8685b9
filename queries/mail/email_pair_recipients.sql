-- Both people of every proposed or active pair of a cohort, each with the other person of the pair.
-- Two plain joins under UNION ALL: joining people ON a CASE expression made DuckDB loop over
-- every person for every pair (5,000 pairs of a profession-scale cohort ran for minutes).
WITH pair_people AS (
    SELECT pr.id AS pair_id,
           mentor_p.id AS mentor_person, mentor_p.full_name AS mentor_name, mentor_p.email AS mentor_email,
           mentee_p.id AS mentee_person, mentee_p.full_name AS mentee_name, mentee_p.email AS mentee_email
    FROM pairs pr
    JOIN participants mt ON mt.id = pr.mentor_id
    JOIN participants ms ON ms.id = pr.mentee_id
    JOIN people mentor_p ON mentor_p.id = mt.person_id
    JOIN people mentee_p ON mentee_p.id = ms.person_id
    WHERE pr.cohort_id = $cohort_id AND pair_current(pr.status)
), recipients AS (
    SELECT pair_id, mentor_person AS person_id, mentor_name AS full_name, mentor_email AS email,
           'mentor' AS role, mentee_name AS other_name, mentee_email AS other_email,
           'mentee' AS other_role, mentor_name, mentee_name
    FROM pair_people
    UNION ALL
    SELECT pair_id, mentee_person, mentee_name, mentee_email, 'mentee', mentor_name, mentor_email,
           'mentor', mentor_name, mentee_name
    FROM pair_people
)
SELECT r.*, r.person_id IN (SELECT person_id FROM email_opt_outs) AS opted_out
FROM recipients r
ORDER BY r.pair_id, r.role
