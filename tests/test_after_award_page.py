"""The After award tab as staff use it: each save says so beside the form it was made in (a
toast, as well as the note at the top of the page), and the form starts empty again."""

from __future__ import annotations

from datetime import date

import duckdb

from casson.platform import access
from tests.conftest import open_tab, signed_in_app


def _awarded(path) -> tuple[int, str]:
    """An awarded bid of at least £4,000 whose schedule and reports are still to be made."""
    con = duckdb.connect(str(path))
    try:
        bid_id, ref = con.execute("SELECT id, reference FROM bids WHERE status = 'awarded' "
                                  "AND amount_awarded >= 4000 ORDER BY id LIMIT 1").fetchone()
        con.execute("DELETE FROM bid_payments WHERE bid_id = ?", [bid_id])
        con.execute("DELETE FROM bid_reports WHERE bid_id = ?", [bid_id])
        return bid_id, ref
    finally:
        con.close()


def _open(bid_id: int):
    at = signed_in_app("staff").run()
    at.switch_page(access.page("bids").path).run()
    open_tab(at, "bids_tab", "After award")
    at.selectbox(key="award_pick").select(bid_id).run()
    assert not at.exception, at.exception
    return at


def _said(at, words: str) -> bool:
    return (any(words in t.value for t in at.toast)
            and any(words in s.value for s in at.success))


def test_scheduling_paying_and_a_report_each_confirm_and_the_amount_field_empties(app_env):
    bid_id, ref = _awarded(app_env)
    at = _open(bid_id)
    at.text_input(key=f"pay_{bid_id}_amount").input("4,000")
    at.button(key=f"pay_{bid_id}_add").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _said(at, f"Instalment of £4,000 scheduled for {ref}")
    assert at.text_input(key=f"pay_{bid_id}_amount").value == ""  # a second click adds nothing

    at.button(key=f"pay_{bid_id}_paid").click().run()
    assert not at.exception and not at.error
    assert _said(at, f"£4,000 marked paid on {date.today():%d/%m/%Y} for {ref}")

    at.button(key=f"rep_{bid_id}_add").click().run()
    assert _said(at, "report is expected")
    at.text_input(key=f"rep_{bid_id}_outcome").input("Waits fell by a fifth")
    at.button(key=f"rep_{bid_id}_received").click().run()
    assert not at.exception and not at.error
    assert _said(at, "Report recorded")
    assert all(t.value != "Waits fell by a fifth" for t in at.text_input)

    con = duckdb.connect(str(app_env))
    try:
        assert con.execute("SELECT amount, paid_on FROM bid_payments WHERE bid_id = ?",
                           [bid_id]).fetchall()[-1] == (4000, date.today())
        assert con.execute("SELECT outcome, received_on FROM bid_reports WHERE bid_id = ?",
                           [bid_id]).fetchall()[-1] == ("Waits fell by a fifth", date.today())
    finally:
        con.close()
