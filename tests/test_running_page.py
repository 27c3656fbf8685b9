"""The Pairs page's running-a-cohort pieces in AppTest: activation, meetings, check-ins and the
needs-attention list with its re-pair action."""

import datetime as dt

from conftest import open_tab, signed_in_app

from ui import pair_forms

PAGE = "views/pairs.py"
TABS = pair_forms.TAB_KEY  # the Pairs page's open tab



def _label(selectbox, value):
    """The option's label as the select box shows it; None for a value it does not offer."""
    try:
        return selectbox.format_func(value)
    except KeyError:
        return None


def _query(sql, params=()):
    from ui import data
    with data.cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _propose(at):
    open_tab(at, TABS, "Suggest pairs")
    at.button(key="pairs_suggest_submit").click().run()
    at.radio(key="pairs_accept_status").set_value("proposed")
    at.button(key="pairs_accept").click().run()
    assert at.success[0].value.startswith("Accepted:")
    open_tab(at, TABS, "Change a pair")


def test_activate_a_ticked_pair_then_all_the_rest(pairs_page):
    at = pairs_page
    _propose(at)
    proposed = [r[0] for r in _query("SELECT id FROM pairs WHERE cohort_id = 'cohort-2' AND "
                                     "status = 'proposed' ORDER BY id")]
    assert len(proposed) > 2
    at.multiselect(key="pairs_activate_pairs").set_value(proposed[:1])
    at.button(key="pairs_activate_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Activated 1 pair, starting 01/11/2021: they now count as formed."
    assert _query("SELECT status, updated_by FROM pairs WHERE id = ?", proposed[:1]) == [
        ("active", "staff")]
    assert at.multiselect(key="pairs_activate_pairs").value == []  # the form was emptied
    at.button(key="pairs_activate_all").click().run()
    assert at.success[0].value == (f"Activated {len(proposed) - 1} pairs, starting 01/11/2021: "
                                   "they now count as formed.")
    assert _query("SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2' AND "
                  "status = 'proposed'") == [(0,)]


def test_log_a_meeting_and_a_future_date_is_refused(pairs_page):
    at = open_tab(pairs_page, TABS, "Meetings and check-ins")
    pair_id = _query("SELECT min(id) FROM pairs WHERE cohort_id = 'cohort-2' AND "
                     "status = 'active'")[0][0]
    at.selectbox(key="pairs_meeting_pair").set_value(pair_id)
    at.date_input(key="pairs_meeting_met_on").set_value(dt.date.today() + dt.timedelta(days=2))
    at.button(key="pairs_meeting_submit").click().run()
    assert "in the future" in at.error[0].value
    at.date_input(key="pairs_meeting_met_on").set_value(dt.date(2022, 4, 29))
    at.number_input(key="pairs_meeting_minutes").set_value(40)
    at.radio(key="pairs_meeting_format").set_value("phone")
    at.text_input(key="pairs_meeting_note").input("staff-only note")
    at.button(key="pairs_meeting_submit").click().run()
    assert at.success[0].value == "Logged a meeting on 29 Apr 2022."
    assert _query("SELECT minutes, format, note, source, created_by FROM meetings "
                  "WHERE pair_id = ? "
                  "AND met_on = DATE '2022-04-29'", [pair_id]) == [
        (40, "phone", "staff-only note", "staff", "staff")]


def test_enter_a_checkin(pairs_page):
    at = open_tab(pairs_page, TABS, "Meetings and check-ins")
    pid = _query("SELECT min(id) FROM participants WHERE cohort_id = 'cohort-2' AND "
                 "role = 'mentee'")[0][0]
    at.selectbox(key="pairs_checkin_person").set_value(pid)
    at.radio(key="pairs_checkin_fit").set_value("poor")
    at.number_input(key="pairs_checkin_rating").set_value(2)
    at.date_input(key="pairs_checkin_on").set_value(dt.date(2022, 1, 19))
    at.button(key="pairs_checkin_submit").click().run()
    assert at.success[0].value == "Saved the check-in."
    assert _query("SELECT fit, rating, CAST(submitted_at AS DATE), source FROM checkins WHERE "
                  "participant_id = ? AND source = 'staff'", [pid]) == [
        ("poor", 2, dt.date(2022, 1, 19), "staff")]


def test_the_attention_list_shows_reasons_and_re_pairs_a_flagged_pair(pairs_page):
    at = open_tab(pairs_page, TABS, "Needs attention")
    at.date_input(key="pairs_attention_as_of").set_value(dt.date(2022, 1, 20)).run()
    table = next(d.value for d in at.dataframe if "reasons" in d.value.columns)
    assert table["reasons"].str.contains("no meeting logged").sum() == 3
    assert table["reasons"].str.contains("poor fit").sum() == 1
    assert table["needs"].eq("waiting mentee").sum() == 20
    flagged = at.selectbox(key="pairs_attention_pair")
    poor = next(o for o in flagged.options if "poor fit" in o)
    pair_id = next(pid for pid in _query(
        "SELECT id FROM pairs WHERE cohort_id = 'cohort-2' AND status = 'active'")
        if _label(flagged, pid[0]) == poor)[0]
    flagged.set_value(pair_id).run()
    old = _query("SELECT mentor_id FROM pairs WHERE id = ?", [pair_id])[0][0]
    free = _query("""SELECT p.id FROM participants p LEFT JOIN pairs x ON x.mentor_id = p.id
                     AND x.status IN ('proposed', 'active')
                     WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor' AND p.id <> ?
                     GROUP BY p.id, p.capacity HAVING count(x.id) < p.capacity ORDER BY p.id
                     LIMIT 1""", [old])[0][0]
    assert at.selectbox(key="pairs_attn_reassign_pair").value == pair_id
    at.selectbox(key="pairs_attn_reassign_mentor").set_value(free)
    at.text_input(key="pairs_attn_reassign_reason").input("poor fit at check-in")
    at.button(key="pairs_attn_reassign_submit").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Reassigned ")
    assert _query("SELECT mentor_id FROM pairs WHERE id = ?", [pair_id]) == [(free,)]
    assert _query("SELECT reason FROM pair_events WHERE pair_id = ? AND action = 'reassign'",
                  [pair_id]) == [("poor fit at check-in",)]


def test_overview_tile_for_staff_only_and_health_on_outcomes(app_env):
    staff = signed_in_app("staff").run()  # app.py: the Overview is the home page
    staff.selectbox(key="cohort").select("cohort-2").run()
    assert not staff.exception
    tile = next(m for m in staff.metric if m.label == "Needs attention")
    assert int(tile.value) > 0
    trustee = signed_in_app("trustee").run()
    trustee.selectbox(key="cohort").select("cohort-2").run()
    assert "Needs attention" not in [m.label for m in trustee.metric]
    outcomes = signed_in_app("trustee", "views/outcomes.py").run()
    outcomes.selectbox(key="cohort").select("cohort-2").run()
    open_tab(outcomes, "outcomes_tab", "Programme health")
    assert not outcomes.exception
    labels = {m.label: m.value for m in outcomes.metric}
    assert labels["Meetings per pair (median)"] not in ("—", None)
    assert labels["Check-in fit: poor"] == "—"  # fewer than 5 said poor: suppressed
    assert any(c.value == "suppressed (fewer than 5)" for c in outcomes.caption)


def test_the_overview_attention_link_opens_pairs_on_its_needs_attention_tab(app_env):
    at = signed_in_app("staff").run()  # app.py: the Overview is the home page
    at.selectbox(key="cohort").select("cohort-2").run()
    at.button(key="attention_open").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Pairs"]
    assert at.session_state[TABS] == "Needs attention"
    assert any("reasons" in d.value.columns for d in at.dataframe)  # the attention list itself
