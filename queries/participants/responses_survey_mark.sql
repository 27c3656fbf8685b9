-- The answer just written through the survey import's statement came by a personal link.
UPDATE survey_responses SET source = 'link'
WHERE cohort_id = $cohort AND person_id = $person_id AND submitted_at = $submitted_at
  AND import_id IS NULL
