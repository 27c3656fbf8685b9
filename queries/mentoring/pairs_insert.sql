-- A new pair (or an undone deletion restored with its old id when $pair_id is given).
INSERT INTO pairs (id, cohort_id, mentor_id, mentee_id, status, match_score, matched_by, locked,
                   started_on, ended_on, end_reason, version, updated_at, updated_by)
VALUES (coalesce($pair_id, nextval('pairs_id_seq')), $cohort, $mentor_id, $mentee_id, $status,
        $match_score, $matched_by, $locked, $started_on, $ended_on, $end_reason, $version,
        current_timestamp, $actor)
RETURNING id
