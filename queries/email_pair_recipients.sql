-- Both people of every proposed or active pair of a cohort, each with the other person of the pair.
SELECT pr.id AS pair_id, me.id AS person_id, me.full_name, me.email, x.role,
       other.full_name AS other_name, other.email AS other_email,
       CASE x.role WHEN 'mentor' THEN 'mentee' ELSE 'mentor' END AS other_role,
       mentor_p.full_name AS mentor_name, mentee_p.full_name AS mentee_name,
       EXISTS (SELECT 1 FROM email_opt_outs o WHERE o.person_id = me.id) AS opted_out
FROM pairs pr
JOIN participants mt ON mt.id = pr.mentor_id
JOIN participants ms ON ms.id = pr.mentee_id
JOIN people mentor_p ON mentor_p.id = mt.person_id
JOIN people mentee_p ON mentee_p.id = ms.person_id
CROSS JOIN (SELECT 'mentor' AS role UNION ALL SELECT 'mentee') x
JOIN people me ON me.id = CASE x.role WHEN 'mentor' THEN mt.person_id ELSE ms.person_id END
JOIN people other ON other.id = CASE x.role WHEN 'mentor' THEN ms.person_id ELSE mt.person_id END
WHERE pr.cohort_id = $cohort_id AND pr.status IN ('proposed', 'active')
ORDER BY pr.id, x.role
