-- A cohort's mentees with no proposed, active or completed pair (an ended-early pair frees them).
SELECT
    p.id AS mentee_id,
    per.full_name AS mentee_name,
    per.email AS mentee_email,
    per.region,
    per.career_stage,
    p.themes,
    EXISTS (SELECT 1 FROM pairs x WHERE x.mentee_id = p.id AND x.status = 'ended_early')
        AS pair_ended_early
FROM participants p
JOIN people per ON per.id = p.person_id
WHERE p.cohort_id = $cohort AND p.role = 'mentee'
  AND NOT EXISTS (
      SELECT 1 FROM pairs x
      WHERE x.mentee_id = p.id AND pair_matched(x.status))
ORDER BY per.full_name
