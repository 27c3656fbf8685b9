-- The newest entries of the audit trail (admin only).
SELECT occurred_at, actor, action, entity, entity_id, detail
FROM audit_log
ORDER BY occurred_at DESC, id DESC
LIMIT $limit
