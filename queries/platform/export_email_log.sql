-- Every message logged (export email_log).
SELECT * FROM email_log ORDER BY id
