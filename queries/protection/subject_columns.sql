-- Every column of every base table, in table order (the scope of "the rows about a person").
SELECT c.table_name, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_schema, table_name)
WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name, c.ordinal_position
