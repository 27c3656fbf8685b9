-- A new cohort, created from the Upload page before its first import (an existing id is left alone).
INSERT OR IGNORE INTO cohorts (id, name, starts_on, ends_on) VALUES ($cohort, $cohort_name, $starts_on, $ends_on)
