-- One meeting of a pair (refused by UNIQUE (pair_id, met_on) when it is already logged).
INSERT INTO meetings (pair_id, cohort_id, met_on, minutes, format, note, source, import_id, created_by)
VALUES ($pair_id, $cohort, $met_on, $minutes, $format, $note, $source, $import_id, $actor)
RETURNING id
