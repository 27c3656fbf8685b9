-- The audit trail filtered by action, by user (who acted, or the account acted on) and by date
-- (inclusive days); each filter left NULL matches everything. Newest first. `record` names the
-- row acted on as a person reads it (a bid's reference, a cohort's or a person's name, a
-- pair's two names); an erased or removed row falls back to its id, kept in `entity_id`.
SELECT a.occurred_at, a.actor, a.action, a.entity,
       coalesce(CASE a.entity
                    WHEN 'bid' THEN b.reference
                    WHEN 'cohort' THEN c.name
                    WHEN 'person' THEN p.full_name
                    WHEN 'participant' THEN pp.full_name || ' (' || pt.role || ')'
                    WHEN 'pair' THEN mentor.full_name || ' & ' || mentee.full_name
                    WHEN 'session' THEN s.title
                    WHEN 'review_round' THEN rr.title
                END, a.entity_id) AS record,
       a.entity_id, a.detail
FROM audit_log a
LEFT JOIN bids b ON a.entity = 'bid' AND CAST(b.id AS VARCHAR) = a.entity_id
LEFT JOIN cohorts c ON a.entity = 'cohort' AND c.id = a.entity_id
LEFT JOIN people p ON a.entity = 'person' AND CAST(p.id AS VARCHAR) = a.entity_id
LEFT JOIN participants pt ON a.entity = 'participant' AND CAST(pt.id AS VARCHAR) = a.entity_id
LEFT JOIN people pp ON pp.id = pt.person_id
LEFT JOIN pairs pr ON a.entity = 'pair' AND CAST(pr.id AS VARCHAR) = a.entity_id
LEFT JOIN participants mt ON mt.id = pr.mentor_id
LEFT JOIN people mentor ON mentor.id = mt.person_id
LEFT JOIN participants me ON me.id = pr.mentee_id
LEFT JOIN people mentee ON mentee.id = me.person_id
LEFT JOIN sessions s ON a.entity = 'session' AND CAST(s.id AS VARCHAR) = a.entity_id
LEFT JOIN review_rounds rr ON a.entity = 'review_round' AND CAST(rr.id AS VARCHAR) = a.entity_id
WHERE ($action IS NULL OR a.action = $action)
  AND ($audit_user IS NULL OR a.actor = $audit_user
       OR (a.entity = 'account' AND a.entity_id = $audit_user))
  AND ($audit_since IS NULL OR a.occurred_at >= CAST($audit_since AS DATE))
  AND ($audit_until IS NULL OR a.occurred_at < CAST($audit_until AS DATE) + INTERVAL 1 DAY)
ORDER BY a.occurred_at DESC, a.id DESC
LIMIT $limit
