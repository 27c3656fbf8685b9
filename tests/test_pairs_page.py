"""The Pairs page in AppTest: filters, a reassignment, a capacity refusal, access by role."""


from conftest import open_tab, signed_in_app

from casson import demo
from casson.platform import db
from ui import pair_forms

PAGE = "views/pairs.py"
PAIRED = demo.COHORT_TWO["paired"]
TABS = pair_forms.TAB_KEY  # the Pairs page's open tab



def _query(dbfile, sql, params=()):
    # The app holds the file in this process: read through the same cached connection.
    from ui import data
    with data.cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _shown(at) -> int:
    return len(at.dataframe[0].value)


def _caption(at, start: str) -> str:
    return next(c.value for c in at.caption if c.value.startswith(start))


def test_filters_change_the_rows_shown_and_the_counts(pairs_page):
    at = pairs_page
    assert _shown(at) == demo.COHORT_TWO["paired"]
    assert _caption(at, "Showing").startswith(f"Showing {PAIRED} of {PAIRED} pairs")
    at.button_group(key="pairs_status").set_value(["ended_early"]).run()
    assert _shown(at) == 2
    assert _caption(at, "Showing").startswith(f"Showing 2 of {PAIRED} pairs: 0 proposed, 0 active")
    at.button_group(key="pairs_status").set_value(["active", "ended_early"]).run()
    first = at.dataframe[0].value.iloc[0]
    at.text_input(key="pairs_search").input(first["mentee_email"].upper()).run()
    table = at.dataframe[0].value
    assert table["mentee_email"].tolist() == [first["mentee_email"]]
    at.text_input(key="pairs_search").input("").run()
    at.selectbox(key="pairs_region").select("Wales").run()
    table = at.dataframe[0].value
    assert 0 < len(table) < PAIRED
    assert ((table["mentee_region"] == "Wales") | (table["mentor_region"] == "Wales")).all()
    at.selectbox(key="pairs_stage").select("student").run()
    assert set(at.dataframe[0].value["mentee_stage"]) <= {"student"}


def test_the_roster_and_unmatched_lists_show_the_work_to_do(pairs_page):
    at = open_tab(pairs_page, TABS, "Unmatched mentees")
    assert _caption(at, "Showing 20 of 20 mentees without a mentor").endswith(
        "(2 of them after a pair ended early).")
    open_tab(at, TABS, "Mentors")
    assert _caption(at, "Showing 40 of 40 mentors")


def test_a_reassignment_is_saved_audited_and_shown_in_the_history(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Change a pair")
    rows = _query(app_env, "SELECT id, mentor_id FROM pairs WHERE cohort_id = 'cohort-2' "
                  "AND status = 'active' ORDER BY id LIMIT 1")
    pair_id, old_mentor = rows[0]
    free = _query(app_env, """
        SELECT p.id FROM participants p LEFT JOIN pairs x ON x.mentor_id = p.id
             AND x.status IN ('proposed', 'active')
        WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor' AND p.id <> ?
        GROUP BY p.id, p.capacity HAVING count(x.id) < p.capacity ORDER BY p.id LIMIT 1""",
                  [old_mentor])[0][0]
    at.selectbox(key="pairs_reassign_pair").set_value(pair_id)
    at.selectbox(key="pairs_reassign_mentor").set_value(free)
    at.text_input(key="pairs_reassign_reason").input("closer to home")
    at.button(key="pairs_reassign_submit").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert at.success[0].value.startswith("Reassigned ")
    assert _query(app_env, "SELECT mentor_id, updated_by, version FROM pairs WHERE id = ?",
                  [pair_id]) == [(free, "staff", 2)]
    assert _query(app_env, "SELECT actor, action, reason FROM pair_events WHERE pair_id = ?",
                  [pair_id]) == [("staff", "reassign", "closer to home")]
    assert _query(app_env,
                  "SELECT count(*) FROM audit_log WHERE action = 'pair.reassign'")[0][0] == 1
    open_tab(at, TABS, "History")
    history = at.dataframe[0].value
    assert history.iloc[0]["action"] == "reassign" and history.iloc[0]["who"] == "staff"
    assert history.iloc[0]["reason"] == "closer to home"
    # the undo button offers exactly this change
    open_tab(at, TABS, "Change a pair")
    at.button(key="pairs_undo").click().run()
    assert at.success[0].value.startswith("Undone: Moved ")
    assert _query(app_env, "SELECT mentor_id FROM pairs WHERE id = ?", [pair_id]) == [(old_mentor,)]


def test_a_capacity_breach_is_refused_with_a_message_and_nothing_changes(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Change a pair")
    pair_id, old_mentor = _query(app_env, "SELECT id, mentor_id FROM pairs WHERE cohort_id = "
                                 "'cohort-2' AND status = 'active' ORDER BY id LIMIT 1")[0]
    full = _query(app_env, """
        SELECT p.id FROM participants p JOIN pairs x ON x.mentor_id = p.id
             AND x.status IN ('proposed', 'active')
        WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor' AND p.id <> ?
        GROUP BY p.id, p.capacity HAVING count(x.id) >= p.capacity ORDER BY p.id LIMIT 1""",
                  [old_mentor])[0][0]
    at.selectbox(key="pairs_reassign_pair").set_value(pair_id)
    at.selectbox(key="pairs_reassign_mentor").set_value(full)
    at.button(key="pairs_reassign_submit").click().run()
    assert not at.exception
    assert "To go over capacity, tick the override and give a reason." in at.error[0].value
    assert _query(app_env, "SELECT mentor_id, version FROM pairs WHERE id = ?", [pair_id]) == \
        [(old_mentor, 1)]
    assert _query(app_env, "SELECT count(*) FROM pair_events")[0][0] == 0


def test_ending_a_pair_without_a_reason_is_refused_in_plain_english(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Change a pair")
    pair_id = _query(app_env, "SELECT min(id) FROM pairs WHERE cohort_id = 'cohort-2' "
                     "AND status = 'active'")[0][0]
    at.selectbox(key="pairs_end_pair").set_value(pair_id)
    at.button(key="pairs_end_submit").click().run()
    assert not at.exception
    assert at.error[0].value == "Give a reason for ending the pair."


def test_a_save_over_someone_elses_change_is_refused_with_who_and_when(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Change a pair")
    pair_id = _query(app_env, "SELECT id FROM pairs WHERE cohort_id = 'cohort-2' "
                     "AND status = 'active' ORDER BY id LIMIT 1")[0][0]
    # Another user locks the pair after this page was loaded.
    _query(app_env, "UPDATE pairs SET locked = true, version = version + 1, updated_by = 'alice', "
           "updated_at = current_timestamp WHERE id = ?", [pair_id])
    at.selectbox(key="pairs_end_pair").set_value(pair_id)
    at.text_input(key="pairs_end_reason").input("finished early")
    at.button(key="pairs_end_submit").click().run()
    assert not at.exception
    assert "was changed by alice at " in at.error[0].value
    assert _query(app_env, "SELECT status FROM pairs WHERE id = ?", [pair_id]) == [("active",)]


def test_suggested_pairs_are_shown_with_reasons_and_accepted(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Suggest pairs")
    at.slider(key="pairs_w_region").set_value(3.0)
    at.button(key="pairs_suggest_submit").click().run()
    assert not at.exception
    assert any(m.value.startswith("**Suggestion:** 20 pairs") for m in at.markdown)
    at.radio(key="pairs_accept_status").set_value("active")
    at.button(key="pairs_accept").click().run()
    assert at.success[0].value.startswith("Accepted: 20 new pairs")
    assert _query(app_env, "SELECT count(*) FROM pairs WHERE matched_by = 'suggested' "
                  "AND status = 'active'")[0][0] == 20
    open_tab(at, TABS, "Unmatched mentees")
    assert _caption(at, "Showing 0 of 0 mentees without a mentor")


def test_a_trustee_cannot_open_the_pairs_page(app_env):
    at = signed_in_app("trustee", PAGE).run()
    assert [e.value for e in at.error] == ["This page is not available to your role."]
    assert not at.dataframe


def test_migration_adds_change_groups_to_pair_events(tmp_path):
    con = db.connect(tmp_path / "fresh.duckdb")
    cols = {r[0] for r in con.execute("DESCRIBE pair_events").fetchall()}
    assert {"change_id", "undone"} <= cols
    con.close()


def test_a_migration_numbered_below_the_newest_applied_one_is_still_applied(tmp_path):
    # Migration numbers are handed out ahead of time: 0002 may arrive after 0004 was applied.
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    con.execute("ALTER TABLE pair_events DROP COLUMN change_id")
    con.execute("ALTER TABLE pair_events DROP COLUMN undone")
    con.execute("DROP SEQUENCE pair_changes_id_seq")
    con.execute("DELETE FROM schema_version WHERE version = 2")
    con.close()
    con = db.connect(path)
    cols = {r[0] for r in con.execute("DESCRIBE pair_events").fetchall()}
    assert {"change_id", "undone"} <= cols
    assert 2 in {r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()}
    con.close()


def test_weights_saved_on_the_page_become_the_default_for_match(pairs_page, app_env):
    at = open_tab(pairs_page, TABS, "Suggest pairs")
    at.slider(key="pairs_w_region").set_value(4.0)
    at.radio(key="pairs_region_pref").set_value("different region")
    at.button(key="pairs_weights_save").click().run()
    assert at.success[0].value.startswith("Saved these weights")
    from casson.mentoring import matching
    from ui import data
    with data.cursor() as cur:
        saved = matching.saved_weights(cur)
    assert (saved.region, saved.region_pref) == (4.0, "different")
    assert _query(app_env,
                  "SELECT actor FROM audit_log WHERE action = 'settings.match_weights'") == \
        [("staff",)]
    fresh = signed_in_app("staff", PAGE).run()
    fresh.selectbox(key="pairs_cohort").select("cohort-2").run()
    open_tab(fresh, TABS, "Suggest pairs")
    assert fresh.slider(key="pairs_w_region").value == 4.0
    assert fresh.radio(key="pairs_region_pref").value == "different region"


def test_an_account_that_lost_its_role_cannot_save_from_an_open_page(pairs_page, app_env,
                                                                      accounts_file):
    at = open_tab(pairs_page, TABS, "Change a pair")
    pair_id = _query(app_env, "SELECT min(id) FROM pairs WHERE cohort_id = 'cohort-2' "
                     "AND status = 'active'")[0][0]
    at.selectbox(key="pairs_end_pair").set_value(pair_id)
    at.text_input(key="pairs_end_reason").input("finished")
    import yaml
    cfg = yaml.safe_load(accounts_file.read_text())
    cfg["credentials"]["usernames"]["staff"]["roles"] = ["trustee"]
    accounts_file.write_text(yaml.safe_dump(cfg))
    at.button(key="pairs_end_submit").click().run()
    # The save callback runs before the page's guard: it must refuse on its own.
    assert [e.value for e in at.error] == ["This page is not available to your role."]
    assert at.session_state["_flash"][1].endswith("nothing was saved.")  # ui.forms.FLASH_KEY
    assert _query(app_env, "SELECT status FROM pairs WHERE id = ?", [pair_id]) == [("active",)]
