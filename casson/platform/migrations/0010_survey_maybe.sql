-- 0010: a survey's "Would you be willing to mentor?" answered Maybe or Not sure is kept as its
-- own answer. willing_answer is the answer as given (yes | no | maybe | not sure); the boolean
-- willing_to_mentor stays what every count reads: true only for yes, false for no, NULL else.
ALTER TABLE survey_responses ADD COLUMN willing_answer VARCHAR;
UPDATE survey_responses
SET willing_answer = CASE WHEN willing_to_mentor THEN 'yes'
                          WHEN NOT willing_to_mentor THEN 'no' END;
