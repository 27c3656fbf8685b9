-- One audit row per registration an import added or changed.
-- frame incoming(email VARCHAR, _status VARCHAR, role_wanted VARCHAR, cohort_wanted VARCHAR)
INSERT INTO audit_log (actor, action, entity, entity_id, detail)
SELECT $actor, 'interest.import', 'interest', lower(trim(email)),
       json_object('change', _status, 'import_id', $import_id, 'role_wanted', role_wanted,
                   'cohort_wanted', cohort_wanted)
FROM incoming
