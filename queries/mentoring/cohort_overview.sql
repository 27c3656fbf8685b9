-- Every cohort with its dates, status and figures: mentors, places (capacity), mentees, matched
-- (a proposed, active or completed pair: pair_matched), unmatched (no such pair) and webinars.
-- Newest first.
WITH parts AS (
    SELECT cohort_id,
           count(*) FILTER (WHERE role = 'mentor') AS mentors,
           coalesce(sum(coalesce(capacity, 1)) FILTER (WHERE role = 'mentor'), 0) AS places,
           count(*) FILTER (WHERE role = 'mentee') AS mentees
    FROM participants GROUP BY cohort_id
),
matched AS (
    SELECT cohort_id, count(DISTINCT mentee_id) AS matched
    FROM pairs WHERE pair_matched(status) GROUP BY cohort_id
),
talks AS (
    SELECT cohort_id, count(*) AS webinars FROM sessions GROUP BY cohort_id
)
SELECT c.id, c.name, c.starts_on, c.ends_on, coalesce(c.status, 'planned') AS status,
       coalesce(parts.mentors, 0) AS mentors, coalesce(parts.places, 0) AS places,
       coalesce(parts.mentees, 0) AS mentees, coalesce(matched.matched, 0) AS matched,
       coalesce(parts.mentees, 0) - coalesce(matched.matched, 0) AS unmatched,
       coalesce(talks.webinars, 0) AS webinars
FROM cohorts c
LEFT JOIN parts ON parts.cohort_id = c.id
LEFT JOIN matched ON matched.cohort_id = c.id
LEFT JOIN talks ON talks.cohort_id = c.id
ORDER BY c.starts_on DESC NULLS FIRST, c.id
