-- New participants of the cohort, linked to their person by email (capacity defaults to 1 for mentors).
-- frame incoming_participants(email_key VARCHAR, themes VARCHAR, capacity INTEGER, goals VARCHAR, notes VARCHAR)
INSERT INTO participants (person_id, cohort_id, role, themes, capacity, goals, notes)
SELECT p.id, $cohort, $role, i.themes,
       CASE WHEN $role = 'mentor' THEN coalesce(i.capacity, 1) END, i.goals, i.notes
FROM incoming_participants i
JOIN people p ON p.email_key = i.email_key
