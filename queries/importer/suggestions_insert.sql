-- New suggestions from a Forms export join the queue, pending.
-- frame incoming(kind VARCHAR, title VARCHAR, provider VARCHAR, url VARCHAR, year INTEGER, topic VARCHAR, note VARCHAR, suggested_by VARCHAR, email VARCHAR)
INSERT INTO suggestions (kind, title, provider, url, year, topic, note, suggested_by, email, source)
SELECT kind, title, provider, url, year, topic, note, suggested_by, email, 'import'
FROM incoming
