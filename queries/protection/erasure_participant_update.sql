-- A person's free text in every cohort they joined.
UPDATE participants SET goals = NULL, notes = NULL WHERE person_id = $erase_person_id
