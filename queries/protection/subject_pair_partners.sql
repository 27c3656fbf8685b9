-- Each pair of the person's, with their role in it and their partner's name (never an email).
SELECT pr.id AS pair_id, c.name AS cohort_name, me.role AS your_role,
       other.role AS partner_role, op.full_name AS partner_name
FROM pairs pr
JOIN participants me ON me.id IN (pr.mentor_id, pr.mentee_id) AND me.person_id = $person_id
JOIN participants other ON other.id IN (pr.mentor_id, pr.mentee_id) AND other.id <> me.id
JOIN people op ON op.id = other.person_id
LEFT JOIN cohorts c ON c.id = pr.cohort_id
ORDER BY pr.id
