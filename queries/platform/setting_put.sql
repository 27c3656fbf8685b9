-- Set one setting (insert or replace).
INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)
