-- Drop a staff edit: the built-in wording applies again.
DELETE FROM email_templates WHERE name = $template_name
