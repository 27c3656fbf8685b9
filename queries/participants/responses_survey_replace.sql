-- A second survey answer through a link replaces the person's earlier one for the cohort.
WITH gone AS (
    DELETE FROM survey_responses
    WHERE cohort_id = $cohort AND person_id = $person_id AND source = 'link'
    RETURNING id
)
SELECT count(*) AS removed FROM gone
