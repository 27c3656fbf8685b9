"""What trustees read: the KPIs (one definition for every page, the CLI and the board pack), the
outcome figures with their n, the Plotly charts of them, and the board pack PDF.
It reads mentoring and grants, and nothing reads it but pages and commands."""
