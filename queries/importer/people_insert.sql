-- New people of a mentors/mentees import (emails are unique in the file and new to the database).
-- frame incoming_people(full_name VARCHAR, email VARCHAR, email_key VARCHAR, region VARCHAR, career_stage VARCHAR, specialty VARCHAR, employer VARCHAR)
INSERT INTO people (full_name, email, email_key, region, career_stage, specialty, employer)
SELECT full_name, email, email_key, region, career_stage, specialty, employer
FROM incoming_people
