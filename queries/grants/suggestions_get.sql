-- One suggestion.
SELECT * FROM suggestions WHERE id = $suggestion_id
