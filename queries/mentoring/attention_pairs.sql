-- Pairs running on $as_of (active then, i.e. started by then and not yet ended), with what the
-- attention rules need: meetings logged by then and each member's latest check-in by then.
-- Only pairs some rule might flag come back (a superset: casson.attention decides, at the
-- boundaries too); $checkin_due says whether mid-term has passed, $meeting_due_by is $as_of
-- less the no-meeting days.
WITH running AS (
    SELECT pr.*
    FROM pairs pr
    WHERE pr.cohort_id = $cohort
      AND pair_formed(pr.status)
      AND coalesce(pr.started_on, $as_of) <= $as_of
      AND (pr.status = 'active' OR pr.ended_on > $as_of)
),
met AS (
    SELECT pair_id, count(*) AS meetings, max(met_on) AS last_met_on
    FROM meetings
    WHERE cohort_id = $cohort AND met_on <= $as_of
    GROUP BY pair_id
),
latest AS (
    SELECT participant_id, arg_max(fit, submitted_at) AS fit, arg_max(rating, submitted_at) AS rating
    FROM checkins
    WHERE cohort_id = $cohort AND CAST(submitted_at AS DATE) <= $as_of
    GROUP BY participant_id
)
SELECT
    r.id AS pair_id, r.version, r.status, r.started_on,
    r.mentor_id, mentor.full_name AS mentor_name, mentor.email AS mentor_email,
    r.mentee_id, mentee.full_name AS mentee_name, mentee.email AS mentee_email,
    coalesce(met.meetings, 0) AS meetings, met.last_met_on,
    lm.participant_id IS NOT NULL AS mentor_checked_in, lm.fit AS mentor_fit, lm.rating AS mentor_rating,
    le.participant_id IS NOT NULL AS mentee_checked_in, le.fit AS mentee_fit, le.rating AS mentee_rating
FROM running r
JOIN participants mp ON mp.id = r.mentor_id
JOIN people mentor ON mentor.id = mp.person_id
JOIN participants ep ON ep.id = r.mentee_id
JOIN people mentee ON mentee.id = ep.person_id
LEFT JOIN met ON met.pair_id = r.id
LEFT JOIN latest lm ON lm.participant_id = r.mentor_id
LEFT JOIN latest le ON le.participant_id = r.mentee_id
WHERE (coalesce(met.meetings, 0) = 0 AND coalesce(r.started_on, $as_of) <= $meeting_due_by)
   OR 'poor' IN (lm.fit, le.fit) OR lm.rating <= $low_rating OR le.rating <= $low_rating
   OR ($checkin_due AND (lm.participant_id IS NULL OR le.participant_id IS NULL))
ORDER BY mentee.full_name, r.id
