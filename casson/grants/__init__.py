"""The leadership programme: grant bids and their pipeline, the review panel, payments, reports
owed after an award, case studies, and the directory of courses, coaches and resources.
It stands on platform only."""
