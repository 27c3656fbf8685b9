-- Every action name the audit trail holds (the Accounts page's action filter).
SELECT DISTINCT action FROM audit_log ORDER BY action
