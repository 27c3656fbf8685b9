"""Grant review at profession scale: the staff panel view and a reviewer's My reviews over
the 5,000 bench bids, with a panel round over every received and shortlisted bid.

The bench database has no review data, so this suite works on a copy of it with a round
added: every reviewable bid assigned to three reviewers, declarations (some conflicts),
reviews, and instalments and reports on the funded bids.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from bench.apptest import cold, median_runs_ms, render_ms, signed_in
from bench.results import Result
from casson.platform import access, accounts

PAGE_TARGET_MS = 300
ROUND = "bench-round"
REVIEWERS = ("reviewer", "bench.panel2", "bench.panel3")

_SETUP = [
    f"INSERT INTO review_rounds (id, title, created_by) VALUES ('{ROUND}', 'Bench round', 'bench')",
    f"""INSERT INTO review_assignments (round_id, bid_id, reference, reviewer, assigned_by)
        SELECT '{ROUND}', b.id, b.reference, r.reviewer, 'bench'
        FROM bids b, (SELECT unnest({list(REVIEWERS)}) AS reviewer) r
        WHERE b.status IN ('received', 'shortlisted')""",
    # one declaration in 20 is a conflict; one assignment in 10 is still to declare
    f"""INSERT INTO bid_conflicts (round_id, bid_id, reference, reviewer, conflict, reason)
        SELECT round_id, bid_id, reference, reviewer, hash(bid_id, reviewer) % 20 = 0,
               CASE WHEN hash(bid_id, reviewer) % 20 = 0 THEN 'Works with the applicant' END
        FROM review_assignments WHERE round_id = '{ROUND}' AND hash(bid_id, reviewer, 'd') % 10 <>
        0""",
    f"""INSERT INTO bid_reviews (round_id, bid_id, reference, reviewer, scores, weighted_score,
                                 recommendation, comment)
        SELECT round_id, bid_id, reference, reviewer,
               '{{"feasibility": 3, "leadership_development": 4, "service_benefit": 3,
                  "value_for_money": 2}}',
               1 + CAST(hash(bid_id, reviewer) % 400 AS INTEGER) / 100.0,
               ['fund', 'maybe', 'do_not_fund'][1 + CAST(hash(bid_id, reviewer, 'r') % 3 AS
               INTEGER)], 'Bench review'
        FROM bid_conflicts WHERE round_id = '{ROUND}' AND NOT conflict""",
    """INSERT INTO bid_payments (bid_id, reference, amount, due_on, paid_on, created_by)
        SELECT id, reference, round(amount_awarded / 2, 2), decided_on + CAST(k * 120 AS INTEGER),
               CASE WHEN k = 0 OR status = 'completed' THEN decided_on + CAST(k * 120 + 3 AS
               INTEGER) END, 'bench'
        FROM bids, range(2) t(k) WHERE status IN ('awarded', 'in_progress', 'completed')""",
    """INSERT INTO bid_reports (bid_id, reference, kind, due_on, received_on, outcome, created_by)
        SELECT id, reference, 'final', decided_on + 365,
               CASE WHEN status = 'completed' THEN decided_on + 350 END,
               CASE WHEN status = 'completed' THEN 'Bench outcome' END, 'bench'
        FROM bids WHERE status IN ('in_progress', 'completed')""",
]


def _prepare(ctx, workdir: Path) -> tuple[Path, Path]:
    dbfile, authfile = workdir / "grants.duckdb", workdir / "auth.yaml"
    shutil.copy(ctx.db, dbfile)
    shutil.copy(ctx.accounts, authfile)
    from casson.platform import db

    con = db.connect(dbfile)  # brings the copy's schema up to date (0008 included)
    with db.transaction(con):
        for sql in _SETUP:
            con.execute(sql)
    con.execute("CHECKPOINT")
    con.close()
    cfg = accounts.load(authfile)
    if "reviewer" not in cfg["credentials"]["usernames"]:
        accounts.add_user(cfg, "reviewer", "Bench Reviewer", "reviewer", "bench-reviewer-pass")
        accounts.save(authfile, cfg)
    return dbfile, authfile


def run(ctx) -> list[Result]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-grants-"))
    try:
        dbfile, authfile = _prepare(ctx, workdir)
        os.environ["CASSON_DB"], os.environ["CASSON_ACCOUNTS"] = str(dbfile), str(authfile)
        con = duckdb.connect(str(dbfile), read_only=True)
        n_bids, n_panel, n_mine = con.execute(
            "SELECT (SELECT count(*) FROM bids), "
            f"(SELECT count(DISTINCT bid_id) FROM review_assignments WHERE round_id = '{ROUND}'), "
            "(SELECT count(*) FROM review_assignments WHERE reviewer = 'reviewer')").fetchone()
        con.close()
        return [
            Result("grants: bids in the bench database", n_bids, "bids", None),
            Result("grants: bids in the bench panel round", n_panel, "bids", None),
            Result("grants: bids assigned to the bench reviewer", n_mine, "bids", None),
            Result("page render: Grant bids (staff, Panel tab: round ranked)",
                   _panel_ms(), "ms", PAGE_TARGET_MS),
            Result("page render: Grant bids (staff, After award tab)",
                   _tab_ms("After award"), "ms", PAGE_TARGET_MS),
            Result("page render: My reviews (reviewer)",
                   render_ms("reviewer", access.page("reviews").path),
                   "ms", PAGE_TARGET_MS),
        ]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _tab_ms(tab: str, repeat: int = 5) -> float:
    at = signed_in("staff")
    at.run()
    at.session_state["bids_tab"] = tab
    at.switch_page(access.page("bids").path)
    return median_runs_ms(at, f"views/bids.py ({tab})", cold, repeat)


def _panel_ms(repeat: int = 5) -> float:
    """The Panel tab on the bench round (every reviewable bid ranked)."""
    at = signed_in("staff")
    at.run()
    at.session_state["bids_tab"] = "Panel"
    at.session_state["panel_round"] = ROUND
    at.switch_page(access.page("bids").path)
    ms = median_runs_ms(at, "views/bids.py (Panel)", cold, repeat)
    ranked = next(df.value for df in at.dataframe if "weighted_mean" in df.value.columns)
    if len(ranked) < 1000:  # the figure must be of the whole bench round
        raise RuntimeError(f"the Panel tab ranked {len(ranked)} bids, not the bench round")
    return ms
