-- A person's own details for their details link, and whether they opted out of email.
SELECT p.id, p.full_name, p.region, p.employer, p.specialty,
       EXISTS (SELECT 1 FROM email_opt_outs o WHERE o.person_id = p.id) AS opted_out
FROM people p
WHERE p.id = $person_id
