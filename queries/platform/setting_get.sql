-- One setting's value, if set.
SELECT value FROM settings WHERE key = $key
