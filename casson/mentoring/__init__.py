"""The mentoring programme: cohorts, the register of interest, pairs and their changes,
suggested matching, meetings, check-ins, webinars and their calendar files, who needs attention,
and programme health. It stands on platform only."""
