-- Participants already in the cohort take the file's non-empty values.
-- frame incoming_participants(participant_id BIGINT, themes VARCHAR, capacity INTEGER, goals VARCHAR, notes VARCHAR)
UPDATE participants SET
    themes = coalesce(i.themes, participants.themes),
    capacity = coalesce(i.capacity, participants.capacity),
    goals = coalesce(i.goals, participants.goals),
    notes = coalesce(i.notes, participants.notes)
FROM incoming_participants i
WHERE participants.id = i.participant_id
