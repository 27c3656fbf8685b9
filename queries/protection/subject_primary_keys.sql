-- The primary key columns of every base table (how a row of it is named in an export).
SELECT table_name, constraint_column_names AS columns
FROM duckdb_constraints()
WHERE schema_name = 'main' AND constraint_type = 'PRIMARY KEY'
ORDER BY table_name
