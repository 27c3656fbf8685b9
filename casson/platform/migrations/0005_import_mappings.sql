-- 0005: mappings a user corrected on an import, remembered per kind and header set (issue 10).
-- signature = sha256 of the file's sorted headers; mapping = {"header": "column" or null (ignored)}.
CREATE SEQUENCE import_mappings_id_seq START 1;
CREATE TABLE import_mappings (
    id          BIGINT PRIMARY KEY DEFAULT nextval('import_mappings_id_seq'),
    kind        VARCHAR NOT NULL,
    signature   VARCHAR NOT NULL,
    headers     JSON NOT NULL,
    mapping     JSON NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (kind, signature)
);
