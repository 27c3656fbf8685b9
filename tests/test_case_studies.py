"""Case studies: programme, organisation and outcome, linked to a bid or cohort where known."""

import pytest

from casson.grants import case_studies


def test_the_demo_case_studies_carry_their_published_facts(con):
    df = case_studies.frame(con)
    lebedis = df[df["people"] == "Therese Lebedis"].iloc[0]
    assert lebedis["programme"] == "leadership" and lebedis["organisation"] == "NHS Grampian"
    assert lebedis["outcome"] == "15% reduction in the median length of stay on the unit"
    # A Scottish Improvement Leaders Programme project: no trust bid is invented for it.
    assert lebedis["bid_reference"] is None or lebedis["bid_reference"] != lebedis["bid_reference"]
    pairs = df[df["programme"] == "mentoring"]
    assert len(pairs) == 3 and set(pairs["cohort_id"]) == {"pilot-2021"}
    assert set(pairs["cohort_name"]) == {df[df["cohort_id"] == "pilot-2021"]["cohort_name"].iloc[0]}


def test_linking_a_case_study_to_a_bid_is_audited_and_shows_the_reference(con):
    case_id = con.execute("SELECT id FROM case_studies WHERE programme = "
                          "'mentoring' LIMIT 1").fetchone()[0]
    ref = con.execute("SELECT reference FROM bids WHERE status = 'completed' LIMIT 1").fetchone()[0]
    case_studies.link(con, "staff", case_id, ref.lower(), "pilot-2021")
    row = case_studies.frame(con).set_index("id").loc[case_id]
    assert row["bid_reference"] == ref and row["cohort_id"] == "pilot-2021"
    action, actor = con.execute("SELECT action, actor FROM audit_log WHERE "
                                "entity = 'case_study'").fetchone()
    assert (action, actor) == ("case_study.link", "staff")


def test_links_to_unknown_bids_or_cohorts_are_refused(con):
    case_id = con.execute("SELECT min(id) FROM case_studies").fetchone()[0]
    with pytest.raises(case_studies.CaseStudyError, match="no bid with reference 'LP-0000'"):
        case_studies.link(con, "staff", case_id, "LP-0000", None)
    with pytest.raises(case_studies.CaseStudyError, match="no cohort 'cohort-99'"):
        case_studies.link(con, "staff", case_id, None, "cohort-99")


def test_adding_a_case_study_needs_its_outcome(con):
    with pytest.raises(case_studies.CaseStudyError, match="needs its outcome"):
        case_studies.add(con, "staff", {"title": "T", "programme": "leadership"})
    case_id = case_studies.add(con, "staff", {"title": "Falls clinic", "programme": "leadership",
                                              "organisation": "NHS Example",
                                              "outcome": "Fewer falls"})
    assert case_studies.frame(con).set_index("id").loc[case_id, "organisation"] == "NHS Example"


def test_staff_add_and_link_case_studies_on_the_page(app_env):
    import duckdb

    from tests.conftest import open_tab, signed_in_app

    at = signed_in_app("staff").run()
    at.switch_page("views/case_studies.py").run()
    # Lazy expanders: closed, their forms are not drawn; opening one draws its form.
    assert not [t for t in at.text_input if t.key.startswith("cs_")] and not at.get("form")
    open_tab(at, "cs_add_open")
    open_tab(at, "cs_link_open")
    at.text_input(key="cs_new_title").input("Falls clinic redesign")
    at.text_input(key="cs_new_org").input("Community NHS trust")
    at.text_input(key="cs_new_outcome").input("20% fewer readmissions")
    at.button(key="cs_add_submit").click().run()
    assert not at.exception and not at.error
    assert any("Added Falls clinic redesign." in s.value for s in at.success)

    case_id = at.selectbox(key="cs_pick").value  # the first case study, by id
    at.text_input(key=f"cs_bid_{case_id}").input("LP-NOPE-999")
    at.button(key=f"cs_link_save_{case_id}").click().run()
    assert at.error  # an unknown bid is refused with a message, nothing saved
    at.text_input(key=f"cs_bid_{case_id}").input("")
    at.selectbox(key=f"cs_cohort_{case_id}").select("cohort-2")
    at.button(key=f"cs_link_save_{case_id}").click().run()
    assert any(s.value.startswith("Linked ") for s in at.success)

    con = duckdb.connect(str(app_env))
    try:
        row = con.execute("SELECT organisation, outcome FROM case_studies WHERE title = 'Falls "
                          "clinic redesign'").fetchone()
        audits = con.execute("SELECT count(*) FROM audit_log WHERE "
                             "entity = 'case_study'").fetchone()[0]
        linked = con.execute("SELECT cohort_id FROM case_studies WHERE id = ?",
                             [case_id]).fetchone()[0]
    finally:
        con.close()
    assert row == ("Community NHS trust", "20% fewer readmissions") and audits >= 2
    assert linked == "cohort-2"
