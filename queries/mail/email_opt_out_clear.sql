-- A person opts back in to programme email.
DELETE FROM email_opt_outs WHERE person_id = $person_id
