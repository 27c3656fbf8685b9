"""Data protection: the rows about a person (subject, with a rule per table in rules), erasure
and the retention rule (erasure), subject access requests (subject_access, cover), and backups
of the database file (backups). It may touch every table, so it sits above the programmes.
"""
