"""Data protection: erasure and the retention rule (erasure), and backups of the database file
(backups). It may touch every table, so it sits above the programmes.
"""
