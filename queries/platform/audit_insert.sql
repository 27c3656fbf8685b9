-- One audit row: who did what to which record.
INSERT INTO audit_log (actor, action, entity, entity_id, detail)
VALUES ($actor, $action, $entity, $entity_id, $detail)
