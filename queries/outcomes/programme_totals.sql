-- Reach of the mentoring programme across all cohorts: no personal data.
SELECT
    (SELECT count(DISTINCT person_id) FROM participants) AS people_reached,
    (SELECT count(*) FROM pairs WHERE pair_formed(status)) AS pairs,
    (SELECT count(*) FROM cohorts) AS cohorts,
    (SELECT count(*) FROM survey_responses) AS survey_responses
