-- One audit row per suggestion an import queued or changed.
-- frame incoming(title VARCHAR, _status VARCHAR, kind VARCHAR)
INSERT INTO audit_log (actor, action, entity, entity_id, detail)
SELECT $actor, 'suggestion.import', 'suggestion', title,
       json_object('change', _status, 'import_id', $import_id, 'kind', kind)
FROM incoming
