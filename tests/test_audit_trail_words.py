"""The audit trail reads as words on the Accounts page: a bid by its reference, a pair by its
two names, a change as "field: old → new", stored codes as words, never "None"."""

from __future__ import annotations

from datetime import date

import duckdb

from casson.grants import bids
from casson.mentoring import pairs
from casson.platform import audit
from tests.support import signed_in_app
from ui.tables import readable_detail


def _bid_received(con: duckdb.DuckDBPyConnection) -> dict:
    row = con.execute("SELECT id FROM bids WHERE status = 'shortlisted' ORDER BY id LIMIT 1"
                      ).fetchone()
    return bids.get(con, row[0])


def test_a_bid_change_names_the_bid_by_reference_and_says_what_changed(con):
    bid = _bid_received(con)
    bids.update(con, "staff", bid["id"], bid["version"], reason="panel agreed",
                status="awarded", amount_awarded=4000)
    row = audit.search(con, "bid.status").iloc[0]
    assert row["record"] == bid["reference"] and row["entity_id"] == str(bid["id"])
    text = readable_detail(row["detail"])
    assert "Status: shortlisted → awarded" in text and "Reason: panel agreed" in text
    assert "Awarded: — → 4000.00" in text
    assert f"Decided: — → {date.today():%d/%m/%Y}" in text
    assert "None" not in text and "Notes" not in text  # unchanged fields are not listed


def test_a_pair_ended_early_reads_as_words_and_names_both_people(con):
    pair = con.execute(
        "SELECT pr.id, pr.version, m.full_name, e.full_name FROM pairs pr "
        "JOIN participants a ON a.id = pr.mentor_id JOIN people m ON m.id = a.person_id "
        "JOIN participants b ON b.id = pr.mentee_id JOIN people e ON e.id = b.person_id "
        "WHERE pr.status = 'active' ORDER BY pr.id LIMIT 1").fetchone()
    pairs.end(con, "staff", pair[0], pair[1], "ended_early", "moved abroad")
    row = audit.search(con).iloc[0]
    assert row["record"] == f"{pair[2]} & {pair[3]}"
    text = readable_detail(row["detail"])
    assert "Status: active → ended early" in text and "ended_early" not in text
    assert "None" not in text


def test_a_removed_record_falls_back_to_its_id(con):
    audit.record(con, "staff", "bid.status", "bid", 999_999, {"decided": None})
    row = audit.search(con).iloc[0]
    assert row["record"] == "999999" and readable_detail(row["detail"]) == "Decided: —"


def test_the_accounts_page_shows_the_record_not_its_id(app_env):
    con = duckdb.connect(str(app_env))
    try:
        bid = _bid_received(con)
        bids.update(con, "staff", bid["id"], bid["version"], reason="r", status="declined")
    finally:
        con.close()
    at = signed_in_app("admin")
    at.run()
    at.switch_page("views/accounts.py").run()
    at.selectbox(key="audit_action").select("bid.status").run()
    table = at.dataframe[-1].value
    assert list(table["record"]) == [bid["reference"]] and "entity_id" not in table
    assert "Status: shortlisted → declined; Reason: r" in table["detail"].iloc[0]
