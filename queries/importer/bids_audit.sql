-- One audit row per bid an import created or changed.
-- frame incoming(reference VARCHAR, _status VARCHAR, amount_requested DOUBLE)
INSERT INTO audit_log (actor, action, entity, entity_id, detail)
SELECT $actor, 'bid.import', 'bid', reference,
       json_object('change', _status, 'import_id', $import_id, 'amount_requested', amount_requested)
FROM incoming
