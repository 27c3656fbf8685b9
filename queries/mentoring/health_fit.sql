-- Check-in fit: each participant's latest fit by $as_of, counted per fit ($cohort NULL: all).
WITH latest AS (
    SELECT participant_id, arg_max(fit, submitted_at) AS fit
    FROM checkins
    WHERE ($cohort IS NULL OR cohort_id = $cohort) AND fit IS NOT NULL
      AND CAST(submitted_at AS DATE) <= $as_of
    GROUP BY participant_id
)
SELECT fit, count(*) AS n FROM latest GROUP BY fit
