-- A template's wording as staff last saved it (no row: the built-in default applies).
SELECT name, subject, body, updated_at, updated_by FROM email_templates WHERE name = $template_name
