"""The platform every other subpackage stands on: where files live (config), the database
(db, dbfiles, migrations), named SQL (queries), settings, the audit trail, accounts and sign-in,
who may open which page (access), the closed vocabularies and CSV exports. It imports no other
floor."""
