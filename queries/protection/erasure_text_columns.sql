-- Every text or JSON column of every base table (erasure searches them all for a name).
SELECT c.table_name, c.column_name, c.data_type
FROM information_schema.columns c
JOIN information_schema.tables t USING (table_schema, table_name)
WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
  AND c.data_type IN ('VARCHAR', 'JSON')
ORDER BY 1, 2
