"""AppTest: the leadership pages as staff and trustees use them (server-side render)."""

import csv
import io

import duckdb
import pytest

from casson import demo
from tests.conftest import open_tab, signed_in_app

BIDS, DIRECTORY, CASES = "views/bids.py", "views/directory.py", "views/case_studies.py"


def _open(role, page, tab=None):
    at = signed_in_app(role).run()
    if tab:  # the bids page runs only the open tab
        at.session_state["bids_tab"] = tab
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _db(path):
    return duckdb.connect(str(path))


def _table(at, column):
    """The first table on the page with this column."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _walk(node):
    yield node
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield from _walk(child)


def _rendered(at) -> str:
    """Everything the page sent: every element's protobuf, dataframes and charts included."""
    parts = [str(getattr(node, "proto", "")) for node in _walk(at._tree)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def test_an_over_cap_bid_is_refused_from_the_add_form_with_a_message(app_env):
    at = _open("staff", BIDS, "Add a bid")
    at.text_input(key="bid_new_reference").input("LP-2026-777")
    at.text_input(key="bid_new_name").input("Ada Example")
    at.text_input(key="bid_new_email").input("ada.example@example.org")
    at.text_input(key="bid_new_title").input("Falls clinic")
    at.text_input(key="bid_new_amount").input("£12,500")
    at.button(key="bid_add_submit").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Bid LP-2026-777: £12,500 requested is over the £10,000 cap for leadership bids; "
        "the leadership fund awards at most £10,000 per project."]
    con = _db(app_env)
    assert con.execute("SELECT count(*) FROM bids WHERE reference "
                       "= 'LP-2026-777'").fetchone()[0] == 0


def test_a_bid_under_the_cap_is_added_from_the_page(app_env):
    at = _open("staff", BIDS, "Add a bid")
    for key, value in (("bid_new_reference", "LP-2026-778"), ("bid_new_name", "Ada Example"),
                       ("bid_new_email", "ada.example@example.org"),
                       ("bid_new_title", "Falls clinic"), ("bid_new_amount", "9,500")):
        at.text_input(key=key).input(value)
    at.button(key="bid_add_submit").click().run()
    assert not at.exception and not at.error
    assert any("Added bid LP-2026-778" in s.value for s in at.success)
    con = _db(app_env)
    assert con.execute("SELECT amount_requested, status FROM bids WHERE reference = 'LP-2026-778'"
                       ).fetchone() == (9500, "received")


def _shortlisted(app_env):
    con = _db(app_env)
    bid_id, ref = con.execute("SELECT id, reference FROM bids WHERE status = 'shortlisted' AND"
                              " fund = 'leadership' ORDER BY reference LIMIT 1").fetchone()
    con.close()
    return bid_id, ref


def test_awarding_over_the_cap_is_refused_from_the_change_form(app_env):
    bid_id, ref = _shortlisted(app_env)
    at = _open("staff", BIDS, "Change a bid")
    at.selectbox(key="bid_pick").select(bid_id).run()
    at.selectbox(key=f"bid_{bid_id}_status").select("awarded")
    at.number_input(key=f"bid_{bid_id}_awarded").set_value(15000.0)
    at.text_input(key=f"bid_{bid_id}_reason").input("Panel decision")
    at.button(key=f"bid_{bid_id}_save").click().run()
    assert any(f"Bid {ref}: £15,000 awarded is over the £10,000 cap" in e.value for e in at.error)
    con = _db(app_env)
    assert con.execute("SELECT status, amount_awarded FROM bids WHERE id = ?",
                       [bid_id]).fetchone() == (
        "shortlisted", None)


def test_a_status_change_from_the_page_is_saved_and_audited(app_env):
    bid_id, ref = _shortlisted(app_env)
    at = _open("staff", BIDS, "Change a bid")
    at.selectbox(key="bid_pick").select(bid_id).run()
    at.selectbox(key=f"bid_{bid_id}_status").select("declined")
    at.text_input(key=f"bid_{bid_id}_reason").input("Outside the fund's scope")
    at.button(key=f"bid_{bid_id}_save").click().run()
    assert not at.exception and not at.error
    assert any(f"Saved {ref}: now declined" in s.value for s in at.success)
    con = _db(app_env)
    assert con.execute("SELECT status, updated_by FROM bids WHERE id = ?", [bid_id]).fetchone() == (
        "declined", "staff")
    assert con.execute("SELECT actor, action, json_extract_string(detail, "
                       "'$.reason') FROM audit_log"
                       " WHERE entity = 'bid' AND entity_id = ?", [str(bid_id)]).fetchall() == [
        ("staff", "bid.status", "Outside the fund's scope")]


def test_a_save_on_a_bid_someone_else_changed_meanwhile_is_refused(app_env):
    bid_id, ref = _shortlisted(app_env)
    at = _open("staff", BIDS, "Change a bid")
    at.selectbox(key="bid_pick").select(bid_id).run()
    # A colleague declines the bid while this form is open.
    con = _db(app_env)
    con.execute("UPDATE bids SET status = 'declined', version = version + 1, updated_by = 'admin'"
                " WHERE id = ?", [bid_id])
    con.close()
    at.selectbox(key=f"bid_{bid_id}_status").select("awarded")
    at.number_input(key=f"bid_{bid_id}_awarded").set_value(1000.0)
    at.text_input(key=f"bid_{bid_id}_reason").input("Panel decision")
    at.button(key=f"bid_{bid_id}_save").click().run()
    assert any(f"Bid {ref} was changed by someone else" in e.value for e in at.error)
    con = _db(app_env)
    assert con.execute("SELECT status, amount_awarded FROM bids WHERE id = ?",
                       [bid_id]).fetchone() == (
        "declined", None)
    con.close()
    assert any("now **declined**" in m.value for m in at.markdown)  # the form shows it as it is


def test_a_move_outside_the_pipeline_is_not_offered(app_env):
    bid_id, _ = _shortlisted(app_env)
    at = _open("staff", BIDS, "Change a bid")
    at.selectbox(key="bid_pick").select(bid_id).run()
    assert at.selectbox(key=f"bid_{bid_id}_status").options == [
        "shortlisted (no change)", "awarded", "declined", "withdrawn"]


def _applicants(path):
    con = _db(path)
    rows = con.execute("SELECT applicant_name, applicant_email FROM bids").fetchall()
    con.close()
    return {v for row in rows for v in row}


@pytest.mark.parametrize("page,tab", [(BIDS, "Pipeline"), (BIDS, "Charts"),
                                      (BIDS, "Change a bid"), (BIDS, "Bids"),
                                      (DIRECTORY, None), (CASES, None)])
def test_trustee_views_carry_no_applicant_names_or_emails(app_env, page, tab):
    # "Change a bid" and "Bids" are staff tabs: asking for them as a trustee gets nothing more.
    at = _open("trustee", page, tab)
    rendered = _rendered(at)
    assert len(rendered) > 1000  # the page really rendered
    leaked = sorted(s for s in _applicants(app_env) if s in rendered)
    assert not leaked, leaked[:5]
    assert "@example.org" not in rendered


def test_the_leak_check_would_see_a_name_on_the_staff_view(app_env):
    at = _open("staff", BIDS, "Bids")
    assert any(s in _rendered(at) for s in _applicants(app_env))


def test_trustees_get_charts_and_aggregates_but_no_bid_list_or_forms(app_env):
    at = _open("trustee", BIDS, "Charts")
    assert len(at.get("plotly_chart")) == 3
    assert [t.label for t in at.tabs] == ["Pipeline", "Charts"]
    assert not [b for b in at.button if b.key and b.key.startswith("bid_")]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Bids"] == str(demo.BIDS) and metrics["Success rate"] == demo.BID_SUCCESS_RATE
    assert "n = 12 funded of 16 decided (withdrawn bids left out)" in [c.value for c in at.caption]
    assert not at.dataframe
    at = _open("trustee", BIDS, "Pipeline")
    # the one table a trustee sees is the pipeline: one row per status
    assert [df.value.shape[0] for df in at.dataframe] == [7]
    assert len(at.get("plotly_chart")) == 1


def test_staff_see_applicants_and_the_text_filter_finds_one(app_env):
    con = _db(app_env)
    name, ref = con.execute("SELECT applicant_name, reference FROM bids ORDER BY "
                            "reference LIMIT 1").fetchone()
    con.close()
    at = _open("staff", BIDS, "Bids")
    at.text_input(key="bids_text").input(name).run()
    table = _table(at, "applicant_name")
    assert ref in set(table["reference"]) and set(table["applicant_name"]) == {name}


def test_directory_free_and_online_filters_give_the_edward_jenner_programme(app_env):
    at = _open("trustee", DIRECTORY)
    at.toggle(key="dir_free").set_value(True).run()
    at.multiselect(key="dir_format").select("online").run()
    table = _table(at, "title")
    assert list(table["title"]) == ["The Edward Jenner programme"]
    assert "1 of 15 courses and programmes" in [c.value for c in at.caption]


def test_trustees_cannot_edit_the_directory(app_env):
    at = _open("trustee", DIRECTORY)
    assert not at.expander and not [b for b in at.button
                                    if b.key and b.key.startswith(("course_", "coach_"))]


def test_staff_retire_a_course_from_the_page(app_env):
    at = open_tab(_open("staff", DIRECTORY), "course_edit_open")  # a lazy expander
    con = _db(app_env)
    course_id = con.execute("SELECT id FROM courses WHERE title = 'Aurora'").fetchone()[0]
    con.close()
    at.selectbox(key="course_pick").select(course_id).run()
    at.button(key=f"course_retire_{course_id}").click().run()
    assert not at.exception
    assert "Aurora" not in set(_table(at, "title")["title"])
    con = _db(app_env)
    assert con.execute("SELECT retired FROM courses WHERE id = ?",
                       [course_id]).fetchone()[0] is True
    assert con.execute("SELECT action FROM audit_log WHERE "
                       "entity = 'course'").fetchall() == [("course.retire",)]


def test_case_studies_show_programme_organisation_outcome_and_link(app_env):
    at = _open("trustee", CASES)
    text = " ".join(m.value for m in at.markdown)
    assert "**Organisation:** NHS Grampian" in text
    assert "**Outcome:** 15% reduction in the median length of stay on the unit" in text
    assert text.count("**Cohort:**") == 3
    assert "not linked to a bid or cohort" in text


def test_staff_change_the_annual_budget_on_the_charts_tab(app_env):
    at = _open("staff", BIDS, "Charts")
    at.number_input(key="bid_budget_amount").set_value(80000.0)
    at.button(key="bid_budget_save").click().run()
    assert not at.exception and not at.error
    assert any("The annual grant budget is now £80,000" in s.value for s in at.success)
    assert any("of the £80,000 annual budget" in c.value for c in at.caption)
    trustee = _open("trustee", BIDS, "Charts")
    assert not [b for b in trustee.button if b.key == "bid_budget_save"]


def test_staff_can_download_the_filtered_bids(app_env, monkeypatch):
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    offered: dict[str, bytes] = {}  # the bytes each download button was given, by key
    real = DeltaGenerator.download_button

    def spy(self, label, data, *args, **kwargs):
        offered[kwargs.get("key")] = data() if callable(data) else data
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: spy(st._main, *a, **k))
    at = _open("staff", BIDS, "Bids")
    at.multiselect(key="bids_fund").set_value(["cpd"]).run()
    assert not at.exception
    rows = list(csv.DictReader(io.StringIO(offered["bids_download"].decode("utf-8-sig"))))
    con = _db(app_env)
    cpd = [r[0] for r in con.execute("SELECT reference FROM bids WHERE fund = 'cpd' "
                                     "ORDER BY reference").fetchall()]
    con.close()
    assert cpd and sorted(r["reference"] for r in rows) == cpd
    assert {r["fund"] for r in rows} == {"cpd"}


def test_a_directory_edit_after_a_colleague_saved_is_refused_not_overwritten(app_env):
    con = _db(app_env)
    course_id = con.execute("SELECT id FROM courses WHERE title = 'Aurora'").fetchone()[0]
    con.close()
    at = open_tab(_open("staff", DIRECTORY), "course_edit_open")  # a lazy expander
    at.selectbox(key="course_pick").select(course_id).run()
    con = _db(app_env)  # a colleague saves the course while this form is open
    con.execute("UPDATE courses SET location = 'Leeds', updated_at = current_timestamp, "
                "version = version + 1 WHERE id = ?",
                [course_id])
    con.close()
    at.text_input(key=f"course_{course_id}_duration").input("1 year")
    at.button(key=f"course_save_{course_id}").click().run()
    assert not at.exception
    assert any("Aurora was changed by someone else" in e.value for e in at.error)
    con = _db(app_env)
    assert con.execute("SELECT location, duration FROM courses WHERE id = ?",
                       [course_id]).fetchone() == (
        "Leeds", None)
    assert at.text_input(key=f"course_{course_id}_location").value == "Leeds"  # the form re-read it
    at.text_input(key=f"course_{course_id}_duration").input("1 year")
    at.button(key=f"course_save_{course_id}").click().run()
    assert any("Saved Aurora" in s.value for s in at.success)
    assert con.execute("SELECT location, duration FROM courses WHERE id = ?",
                       [course_id]).fetchone() == (
        "Leeds", "1 year")
