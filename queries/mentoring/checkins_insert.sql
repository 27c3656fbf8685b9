-- One check-in of a participant.
INSERT INTO checkins (cohort_id, participant_id, fit, rating, comment, submitted_at, source,
                      import_id, created_by)
VALUES ($cohort, $participant_id, $fit, $rating, $comment, $submitted_at, $source, $import_id, $actor)
RETURNING id
