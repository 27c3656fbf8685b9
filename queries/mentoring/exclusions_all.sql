-- Every mentor-mentee combination (as people) that matching must never propose.
SELECT mentor_person_id, mentee_person_id FROM match_exclusions
