"""Subject access at profession scale: the export of the person with the most rows about them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.results import Result, median_ms
from bench.suites.protection import _copy

EXPORT_TARGET_S = 2.0  # a page action: the admin waits for the download button

# The person with the most rows about them: places, pairs, meetings of those pairs, check-ins,
# attendance, survey answers and emails.
_LARGEST = """
WITH places AS (SELECT id, person_id FROM participants),
     pair_of AS (SELECT pl.person_id, pr.id AS pair_id FROM pairs pr
                 JOIN places pl ON pl.id IN (pr.mentor_id, pr.mentee_id)),
     counts AS (
        SELECT person_id, count(*) AS n FROM places GROUP BY ALL
        UNION ALL SELECT person_id, count(*) FROM pair_of GROUP BY ALL
        UNION ALL SELECT po.person_id, count(*) FROM meetings m
                  JOIN pair_of po USING (pair_id) GROUP BY ALL
        UNION ALL SELECT pl.person_id, count(*) FROM checkins c
                  JOIN places pl ON pl.id = c.participant_id GROUP BY ALL
        UNION ALL SELECT person_id, count(*) FROM attendance GROUP BY ALL
        UNION ALL SELECT person_id, count(*) FROM survey_responses GROUP BY ALL
        UNION ALL SELECT person_id, count(*) FROM email_log GROUP BY ALL)
SELECT p.email, sum(n) AS n FROM counts JOIN people p ON p.id = counts.person_id
GROUP BY ALL ORDER BY n DESC, p.email LIMIT 1
"""


def run(ctx) -> list[Result]:
    from casson.platform import db
    from casson.protection import subject_access

    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(_copy(ctx.db, Path(tmp)))
        try:
            email, _ = con.execute(_LARGEST).fetchone()
            done = []
            # Median of three after a warm-up, as a running dashboard's connection is warm.
            largest = median_ms(
                lambda: done.append(subject_access.export(con, email, "bench")), repeat=3
            )
            nobody = median_ms(
                lambda: subject_access.export(con, "nobody-at-all@example.org", "bench"), repeat=3
            )
        finally:
            con.close()
    result = done[-1]
    return [
        Result(
            "subject access export, the largest person (ZIP)",
            round(largest / 1000, 2),
            "s",
            EXPORT_TARGET_S,
            f"{result.rows} rows, {len(result.tables)} tables, {len(result.data) // 1024} KB",
        ),
        Result(
            "subject access export, an address held nowhere",
            round(nobody / 1000, 2),
            "s",
            EXPORT_TARGET_S,
        ),
    ]
