-- New courses of the directory.
-- frame incoming(provider VARCHAR, title VARCHAR, format VARCHAR, level VARCHAR, duration VARCHAR, cost_from DOUBLE, cost_note VARCHAR, is_free BOOLEAN, location VARCHAR, url VARCHAR, summary VARCHAR)
INSERT INTO courses (provider, title, format, level, duration, cost_from, cost_note, is_free, location, url, summary)
SELECT provider, title, format, level, duration, cost_from, cost_note, coalesce(is_free, false),
       location, url, summary
FROM incoming
