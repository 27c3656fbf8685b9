-- The audit trail filtered by action, by user (who acted, or the account acted on) and by date
-- (inclusive days); each filter left NULL matches everything. Newest first.
SELECT occurred_at, actor, action, entity, entity_id, detail
FROM audit_log
WHERE ($action IS NULL OR action = $action)
  AND ($audit_user IS NULL OR actor = $audit_user
       OR (entity = 'account' AND entity_id = $audit_user))
  AND ($audit_since IS NULL OR occurred_at >= CAST($audit_since AS DATE))
  AND ($audit_until IS NULL OR occurred_at < CAST($audit_until AS DATE) + INTERVAL 1 DAY)
ORDER BY occurred_at DESC, id DESC
LIMIT $limit
