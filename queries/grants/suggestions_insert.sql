-- A reader's suggestion of a course or resource joins the queue.
INSERT INTO suggestions (kind, title, provider, url, year, topic, note, suggested_by, email, source, import_id)
VALUES ($kind, $title, $provider, $url, $year, $topic, $note, $suggested_by, $email, $source, $import_id)
RETURNING id
