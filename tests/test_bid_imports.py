"""Bid updates through the import engine follow the pipeline and write bid_events, like the
Bids page; an import cannot lower an award below its payment schedule."""

import json
from datetime import date

from casson import importer
from casson.grants import bids, payments

HEAD = ("reference,applicant_name,applicant_email,project_title,amount_requested,status,"
        "amount_awarded\n")


def _stored(con, status):
    return con.execute("SELECT reference, id, applicant_name, applicant_email, project_title, "
                       "amount_requested FROM bids WHERE status = ? AND fund = 'leadership' "
                       "ORDER BY reference LIMIT 1", [status]).fetchone()


def _row(bid, status, awarded=""):
    ref, _, name, email, title, requested = bid
    return f"{ref},{name},{email},{title},{requested},{status},{awarded}\n"


def _events(con, bid_id):
    return con.execute("SELECT actor, action, from_status, to_status, reason, before_state, "
                       "after_state FROM bid_events WHERE bid_id = ? ORDER BY id",
                       [bid_id]).fetchall()


def test_a_status_change_outside_the_pipeline_is_refused_by_row(con):
    bid = _stored(con, "declined")
    result = importer.run(con, "bids", (HEAD + _row(bid, "awarded", "1000")).encode(), actor="t",
                          file_name="bids.csv")
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.row, error.column, error.value) == (2, "status", "awarded")  # the header is row 1
    assert "is declined and cannot move to awarded" in error.reason
    assert con.execute("SELECT status FROM bids WHERE id = ?", [bid[1]]).fetchone() == ("declined",)
    assert _events(con, bid[1]) == []


def test_a_move_the_pipeline_allows_is_written_with_its_history_row(con):
    bid = _stored(con, "shortlisted")
    result = importer.run(con, "bids", (HEAD + _row(bid, "awarded", "3000")).encode(),
                          actor="importer", file_name="panel.csv")
    assert (result.status, result.rows_updated) == ("committed",
                                                    1), [e.line() for e in result.errors]
    [(actor, action, was, now, reason, before, after)] = _events(con, bid[1])
    assert (actor, action, was, now) == ("importer", "bid.status", "shortlisted", "awarded")
    assert reason == f"Imported from panel.csv (import {result.import_id})"
    assert (json.loads(before)["status"] == "shortlisted"
            and json.loads(before)["amount_awarded"] is None)
    assert (json.loads(after)["status"],
            float(json.loads(after)["amount_awarded"])) == ("awarded", 3000.0)


def test_a_new_bid_gets_its_add_row(con):
    text = HEAD + "LP-IMP-001,Ada Import,ada.import@example.org,Falls clinic,5000,,\n"
    result = importer.run(con, "bids", text.encode(), actor="importer", file_name="new.csv")
    assert result.status == "committed"
    bid_id = con.execute("SELECT id FROM bids WHERE reference = 'LP-IMP-001'").fetchone()[0]
    [(_, action, was, now, _, before, _)] = _events(con, bid_id)
    assert (action, was, now, before) == ("bid.add", None, "received", None)


def test_funded_needs_an_award_and_completed_a_final_report(con):
    shortlisted, in_progress = _stored(con, "shortlisted"), _stored(con, "in_progress")
    result = importer.run(con, "bids", (HEAD + _row(shortlisted, "awarded")
                                        + _row(in_progress, "completed")).encode(), actor="t")
    assert result.status == "rejected"
    assert (sorted((e.row, e.column) for e in result.errors)
            == [(2, "amount_awarded"), (3, "status")])
    assert any("final report received first" in e.reason for e in result.errors)


def test_an_import_cannot_lower_an_award_below_its_payment_schedule(con):
    bid = _stored(con, "shortlisted")
    importer.run(con, "bids", (HEAD + _row(bid, "awarded", "4000")).encode(), actor="t")
    payments.schedule(con, "staff", bid[1], 4000, date(2026, 3, 1))
    result = importer.run(con, "bids", (HEAD + _row(bid, "awarded", "3500")).encode(), actor="t")
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.column, error.value) == ("amount_awarded", "3500")
    assert "already scheduled to be paid" in error.reason
    assert bids.get(con, bid[1])["amount_awarded"] == 4000
