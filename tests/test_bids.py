"""Grant bids: the £10,000 leadership cap on every write, the pipeline, audit, aggregates."""

import csv
import io
import json
from datetime import date

import pytest

from casson import demo
from casson.cli import main
from casson.grants import bids
from casson.platform import settings
from casson.platform.vocab import BID_STATUSES


def _bid(con, status, fund="leadership"):
    row = con.execute(
        "SELECT id, reference, version, amount_requested FROM bids WHERE status = ? AND fund = ?"
        " ORDER BY reference LIMIT 1", [status, fund]).fetchone()
    return dict(zip(("id", "reference", "version", "requested"), row, strict=True))


def _counts(con):
    return con.execute("SELECT (SELECT count(*) FROM bids), (SELECT count(*) FROM audit_log),"
                       " (SELECT count(*) FROM bid_events)").fetchone()


def _new(**kw):
    return {"reference": "LP-2026-900", "applicant_name": "Ada Example",
            "applicant_email": "ada.example@example.org", "project_title": "Falls clinic",
            "amount_requested": "9500", **kw}


# -- the cap ----------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", ["12500", "£10,000.01", 10000.5])
def test_an_over_cap_leadership_bid_is_refused_naming_the_amount_and_the_cap(con, amount):
    before = _counts(con)
    with pytest.raises(bids.OverCap) as refused:
        bids.add(con, "staff", **_new(amount_requested=amount))
    assert "over the £10,000 cap for leadership bids" in str(refused.value)
    assert "LP-2026-900" in str(refused.value)
    assert _counts(con) == before


def test_the_message_names_the_amount_requested(con):
    with pytest.raises(bids.OverCap, match=r"£12,500 requested is over the £10,000 cap"):
        bids.add(con, "staff", **_new(amount_requested="£12,500"))


def test_a_leadership_bid_of_exactly_ten_thousand_pounds_is_accepted(con):
    bid_id = bids.add(con, "staff", **_new(amount_requested="10,000"))
    assert con.execute("SELECT amount_requested, status FROM bids WHERE id = ?",
                       [bid_id]).fetchone() == (10000, "received")


def test_cpd_bids_are_not_under_the_leadership_cap(con):
    bids.add(con, "staff", **_new(reference="CPD-2026-900", fund="cpd", amount_requested="12000"))
    assert con.execute("SELECT count(*) FROM bids WHERE reference "
                       "= 'CPD-2026-900'").fetchone()[0] == 1


def test_awarding_above_the_cap_is_refused_and_nothing_changes(con):
    con.execute("UPDATE bids SET amount_requested = 10000 WHERE reference = ?",
                [_bid(con, "shortlisted")["reference"]])
    bid = _bid(con, "shortlisted")
    before = _counts(con)
    with pytest.raises(bids.OverCap, match=r"£10,500 awarded is over the £10,000 cap"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="Panel decision",
                    status="awarded", amount_awarded=10500)
    assert con.execute("SELECT status, amount_awarded, version FROM bids WHERE id = ?",
                       [bid["id"]]).fetchone() == ("shortlisted", None, bid["version"])
    assert _counts(con) == before


def test_cap_problem_is_the_shared_check_for_other_paths():
    assert bids.cap_problem("leadership", "9,999.99") is None
    assert bids.cap_problem("cpd", 50_000) is None
    assert bids.cap_problem(None, "£10,001", reference="LP-1") == (
        "Bid LP-1: £10,001 requested is over the £10,000 cap for leadership bids; "
        "the leadership fund awards at most £10,000 per project.")


# -- the pipeline -----------------------------------------------------------------------------

def test_a_bid_moves_through_the_whole_pipeline_and_each_step_is_audited(con):
    bid = _bid(con, "received")
    steps = [("shortlisted", {}), ("awarded", {"amount_awarded": 4000}),
             ("in_progress", {}), ("completed", {"report_received": True})]
    version = bid["version"]
    for status, extra in steps:
        saved = bids.update(con, "staff", bid["id"], version, reason=f"to {status}", status=status,
                            **extra)
        assert saved["status"] == status
        version = saved["version"]
    final = con.execute("SELECT status, amount_awarded, report_received, decided_on, updated_by"
                        " FROM bids WHERE id = ?", [bid["id"]]).fetchone()
    assert final[:3] == ("completed", 4000,
                         True) and final[3] == date.today() and final[4] == "staff"
    audits = con.execute("SELECT actor, action, entity, entity_id, detail FROM audit_log"
                         " WHERE entity = 'bid' ORDER BY id").fetchall()
    assert [a[1] for a in audits] == ["bid.status"] * 4
    assert all(a[0] == "staff" and a[3] == str(bid["id"]) for a in audits)
    first = json.loads(audits[0][4])
    assert first["reason"] == "to shortlisted"
    assert (first["before"]["status"], first["after"]["status"]) == ("received", "shortlisted")
    history = bids.history(con, bid["id"])
    assert list(history["to_status"]) == ["completed", "in_progress", "awarded", "shortlisted"]
    assert list(history["reason"])[-1] == "to shortlisted"


@pytest.mark.parametrize("current,new", [
    ("received", "awarded"), ("received", "completed"), ("declined", "awarded"),
    ("withdrawn", "received"), ("completed", "in_progress"), ("shortlisted", "in_progress"),
])
def test_moves_outside_the_pipeline_are_refused_in_plain_english(con, current, new):
    bid = _bid(con, current)
    with pytest.raises(bids.BidError, match=f"is {bids.STATUS_LABELS[current]} and cannot move to"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="try", status=new,
                    amount_awarded=1000)
    assert con.execute("SELECT status FROM bids WHERE id = ?", [bid["id"]]).fetchone()[0] == current


def test_a_bid_completes_only_with_its_report_received(con):
    bid = _bid(con, "in_progress")
    with pytest.raises(bids.BidError, match="final report is received"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="done", status="completed")


def test_awarding_needs_an_amount_no_more_than_requested(con):
    bid = _bid(con, "shortlisted")
    with pytest.raises(bids.BidError, match="Give the amount awarded"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="panel", status="awarded")
    with pytest.raises(bids.BidError, match="is more than the"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="panel", status="awarded",
                    amount_awarded=float(bid["requested"]) + 1)


def test_a_change_needs_a_reason(con):
    bid = _bid(con, "received")
    with pytest.raises(bids.BidError, match="Give a reason"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="  ", status="shortlisted")


def test_a_change_made_on_a_stale_copy_is_refused(con):
    bid = _bid(con, "received")
    bids.update(con, "admin", bid["id"], bid["version"], reason="first",
                notes="Called the applicant")
    with pytest.raises(bids.StaleBid, match="changed by someone else"):
        bids.update(con, "staff", bid["id"], bid["version"], reason="second", status="declined")
    assert con.execute("SELECT status, notes FROM bids WHERE id = ?", [bid["id"]]).fetchone() == (
        "received", "Called the applicant")


def test_two_racing_saves_of_one_bid_give_one_change_and_one_refusal(con):
    import threading

    bid = _bid(con, "received")
    outcomes, barrier = [], threading.Barrier(2)

    def save(actor, status):
        cur = con.cursor()
        barrier.wait()
        try:
            bids.update(cur, actor, bid["id"], bid["version"], reason=actor, status=status)
            outcomes.append("saved")
        except bids.StaleBid:
            outcomes.append("stale")
        finally:
            cur.close()

    threads = [threading.Thread(target=save, args=a) for a in (("staff", "shortlisted"),
                                                               ("admin", "declined"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert con.execute("SELECT version FROM bids WHERE id = ?",
                       [bid["id"]]).fetchone()[0] == bid["version"] + 1
    assert con.execute("SELECT count(*) FROM bid_events WHERE bid_id = ?",
                       [bid["id"]]).fetchone()[0] == 1


def test_notes_only_changes_are_audited_as_updates(con):
    bid = _bid(con, "awarded")
    bids.update(con, "staff", bid["id"], bid["version"], reason="phone call", notes="Start in May")
    action, detail = con.execute("SELECT action, detail FROM audit_log "
                                 "WHERE entity = 'bid'").fetchone()
    assert action == "bid.update" and json.loads(detail)["after"]["notes"] == "Start in May"


def test_adding_a_bid_is_audited_without_applicant_details(con):
    bid_id = bids.add(con, "staff", **_new())
    action, detail = con.execute("SELECT action, detail FROM audit_log WHERE entity_id = ?",
                                 [str(bid_id)]).fetchone()
    assert action == "bid.add" and "ada.example" not in detail


def test_a_duplicate_reference_is_refused(con):
    existing = _bid(con, "received")["reference"]
    with pytest.raises(bids.BidError, match=f"already a bid with reference {existing}"):
        bids.add(con, "staff", **_new(reference=existing))


# -- what each role reads, filters and aggregates ---------------------------------------------

def test_trustees_never_receive_applicant_columns(con):
    trustee = bids.frame(con, "trustee")
    assert not set(bids.PERSONAL_COLUMNS) & set(trustee.columns)
    assert "@example.org" not in trustee.to_csv()
    assert {"applicant_name", "applicant_email", "notes"} <= set(bids.frame(con, "staff").columns)


def test_filters_narrow_the_bids(con):
    df = bids.frame(con, "staff")
    assert len(bids.apply(df, bids.Filters())) == demo.BIDS
    cpd = bids.apply(df, bids.Filters(funds=("cpd",)))
    assert len(cpd) == 7 and set(cpd["reference"].str[:3]) == {"CPD"}
    y2024 = bids.apply(df, bids.Filters(years=(2024,)))
    assert set(y2024["received_on"].map(lambda d: d.year)) == {2024}
    mid = bids.apply(df, bids.Filters(amount_min=5000, amount_max=8000))
    assert mid["amount_requested"].astype(float).between(5000, 8000).all() and len(mid) > 0
    one = df.iloc[0]
    assert list(bids.apply(df,
                           bids.Filters(text=one["applicant_email"].upper()))["id"]) == [one["id"]]
    scot = bids.apply(df, bids.Filters(regions=("Scotland",), statuses=("received", "declined")))
    assert set(scot["region"]) <= {"Scotland"} and set(scot["status"]) <= {"received", "declined"}


def test_pipeline_success_rate_and_charts_data_from_the_demo(con):
    df = bids.frame(con, "trustee")
    pipe = bids.pipeline(df)
    assert list(pipe["status"]) == list(BID_STATUSES)
    assert pipe["bids"].sum() == demo.BIDS
    # 12 awarded, in progress or completed of 16 decided (4 declined); withdrawn left out.
    assert bids.success_rate(df) == (75.0, 12, 16)
    assert bids.by_region(df)["requested_gbp"].sum() == pytest.approx(
        df["amount_requested"].astype(float).sum())
    assert list(bids.by_year(df)["year"]) == list(range(2019, 2027))


def test_awarded_against_budget_uses_the_setting(con):
    settings.put(con, "annual_grant_budget_gbp", "20000")
    df = bids.frame(con, "trustee")
    budget = bids.awarded_against_budget(df, float(settings.get(con, "annual_grant_budget_gbp")))
    assert (budget["budget_gbp"] == 20000).all()
    row = budget[budget["year"] == 2024].iloc[0]
    assert row["share_of_budget_pct"] == round(100 * row["awarded_gbp"] / 20000, 1)


def test_setting_the_annual_budget_is_audited_and_refuses_nonsense(con):
    assert bids.set_budget(con, "admin", "£60,000") == 60000
    assert settings.get(con, "annual_grant_budget_gbp") == "60000"
    actor, action, detail = con.execute("SELECT actor, action, detail FROM audit_log").fetchone()
    assert (actor, action, json.loads(detail)) == ("admin", "setting.update",
                                                   {"before": "50000", "after": "60000"})
    for bad in ("0", "lots", "-5"):
        with pytest.raises(bids.BidError):
            bids.set_budget(con, "admin", bad)
    assert settings.get(con, "annual_grant_budget_gbp") == "60000"


# -- the CLI export ---------------------------------------------------------------------------

def test_bids_export_has_the_columns_staff_report_on(demo_db, capsys):
    assert main(["export", "bids", "--db", str(demo_db)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert len(rows) == demo.BIDS
    assert {"reference", "fund", "amount_requested", "amount_awarded", "status",
            "received_on"} <= set(rows[0])
    first = next(r for r in rows if r["status"] == "completed")
    assert first["amount_awarded"] and first["received_on"][:2] == "20"


@pytest.mark.parametrize("table,count,needle", [
    ("courses", 15, "The Edward Jenner programme"),
    ("coaches", 7, "Naomi Hankinson"),
    ("case_studies", 4, "15% reduction in the median length of stay on the unit"),
])
def test_directory_and_case_study_exports_work(demo_db, capsys, table, count, needle):
    assert main(["export", table, "--db", str(demo_db)]) == 0
    text = capsys.readouterr().out
    assert len(list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))) == count
    assert needle in text


# -- the import engine and the CLI (issue 5's engine, the same cap) ----------------------------

BIDS_FILE = ("reference,applicant_name,applicant_email,project_title,fund,amount_requested,"
             "amount_awarded\n"
             "LP-2026-801,Ada Example,ada.example@example.org,Falls clinic,leadership,9500,\n"
             "LP-2026-802,Bo Example,bo.example@example.org,Ward "
             "rounds,leadership,\"£12,500.00\",\n")


def _snapshot(con):
    return (con.execute("SELECT * FROM bids ORDER BY id").fetchall(),
            con.execute("SELECT count(*) FROM audit_log").fetchone()[0],
            con.execute("SELECT count(*) FROM imports WHERE status <> 'rejected'").fetchone()[0])


def test_an_over_cap_bid_in_an_import_is_refused_and_nothing_is_written(con):
    from casson import importer

    before = _snapshot(con)
    result = importer.run(con, "bids", BIDS_FILE.encode(), actor="staff")
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.row, error.column) == (3, "amount_requested")
    assert "12,500" in error.value and "£10,000" in error.reason
    assert _snapshot(con) == before  # the valid row was not written either


def test_an_over_cap_award_to_an_existing_bid_by_import_is_refused(con):
    from casson import importer

    ref = _bid(con, "awarded")["reference"]
    before = _snapshot(con)
    text = BIDS_FILE.splitlines()[0] + f"\n{ref},A,a@example.org,P,leadership,9000,10500\n"
    result = importer.run(con, "bids", text.encode(), actor="staff")
    assert result.status == "rejected"
    assert [(e.column, "£10,000" in e.reason) for e in result.errors] == [("amount_awarded", True)]
    assert _snapshot(con) == before


def test_the_cli_refuses_an_over_cap_bid_with_exit_1_and_writes_nothing(demo_db, tmp_path, capsys):
    import duckdb

    bid_file = tmp_path / "bids.csv"
    bid_file.write_text(BIDS_FILE, encoding="utf-8")
    check = duckdb.connect(str(demo_db))
    before = _snapshot(check)
    check.close()
    assert main(["import", "bids", str(bid_file), "--db", str(demo_db), "--actor", "staff"]) == 1
    err = capsys.readouterr().err
    assert "row 3, amount_requested" in err and "£10,000" in err and "nothing was written" in err
    assert "Traceback" not in err
    check = duckdb.connect(str(demo_db))
    assert _snapshot(check) == before
    check.close()
