"""AppTest: the staff Panel and After award tabs of the Grant bids page."""

import duckdb

from casson.platform import access
from tests.conftest import signed_in_app

ROUND = "2026-spring"


def _open(tab):
    at = signed_in_app("staff").run()
    at.session_state["bids_tab"] = tab
    at.switch_page(access.page("bids").path).run()
    assert not at.exception, at.exception
    return at


def _db(path):
    return duckdb.connect(str(path))


def test_the_panel_ranks_the_round_by_weighted_mean_leaving_out_the_conflict(app_env):
    at = _open("Panel")
    ranked = next(df.value for df in at.dataframe if "weighted_mean" in df.value.columns)
    con = _db(app_env)
    # the demo conflict: panel.trustee on one bid; their review of it does not exist or count
    expected = con.execute(
        "SELECT r.reference, round(avg(r.weighted_score), 2) FROM bid_reviews r WHERE "
        "r.round_id = ? AND NOT EXISTS (SELECT 1 FROM bid_conflicts c WHERE c.round_id = "
        "r.round_id AND c.bid_id = r.bid_id AND c.reviewer = r.reviewer AND c.conflict) "
        "GROUP BY 1", [ROUND]).fetchall()
    conflicted = con.execute("SELECT reference FROM bid_conflicts WHERE conflict").fetchone()[0]
    con.close()
    means = dict(zip(ranked["reference"], ranked["weighted_mean"].astype(float), strict=True))
    assert means == {ref: float(m) for ref, m in expected}
    assert list(ranked["weighted_mean"]) == sorted(ranked["weighted_mean"], reverse=True)
    assert list(ranked["rank"]) == list(range(1, len(ranked) + 1))
    row = ranked.set_index("reference").loc[conflicted]
    assert (int(row["conflicts"]), int(row["reviews"])) == (1, 2)


def test_an_award_over_the_cap_is_refused_from_the_panel(app_env):
    con = _db(app_env)
    bid_id, ref = con.execute(
        "SELECT b.id, b.reference FROM bids b JOIN review_assignments a ON a.bid_id = b.id "
        "WHERE b.status = 'shortlisted' AND b.fund = 'leadership' ORDER BY b.reference LIMIT 1"
    ).fetchone()
    con.close()
    at = _open("Panel")
    at.selectbox(key="panel_pick").select(bid_id).run()
    at.selectbox(key=f"panel_{bid_id}_status").select("awarded")
    at.number_input(key=f"panel_{bid_id}_awarded").set_value(12000.0)
    at.button(key=f"panel_{bid_id}_save").click().run()
    assert any(f"Bid {ref}: £12,000 awarded is over the £10,000 cap" in e.value for e in at.error)
    con = _db(app_env)
    assert con.execute("SELECT status FROM bids WHERE id = ?",
                       [bid_id]).fetchone() == ("shortlisted",)
    con.close()


def test_after_award_lists_the_overdue_report_and_the_budget_tile_shows_paid(app_env):
    at = _open("After award")
    late = next(df.value for df in at.dataframe if "days_overdue" in df.value.columns)
    assert list(late["kind"]) == ["interim"]
    con = _db(app_env)
    committed, paid = con.execute(
        "SELECT (SELECT sum(amount_awarded) FROM bids WHERE status IN ('awarded', 'in_progress', "
        "'completed') AND year(decided_on) = year(current_date)), (SELECT sum(amount) FROM "
        "bid_payments WHERE year(paid_on) = year(current_date))").fetchone()
    con.close()
    year = __import__("datetime").date.today().year
    metric = next(m for m in at.metric if m.label == f"Committed in {year}")
    assert metric.value == f"£{float(committed or 0):,.0f}"
    assert any(c.value.startswith(f"£{float(paid or 0):,.0f} paid in {year}") for c in at.caption)
