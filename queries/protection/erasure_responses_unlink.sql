-- Survey answers still count in the KPIs; they are no longer linked to anyone.
UPDATE survey_responses SET person_id = NULL, comments = NULL WHERE person_id = $erase_person_id
