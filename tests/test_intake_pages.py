"""AppTest of the intake pages: the register, Email, the Directory's Resources and the loop on
Outcomes, as staff (and refused to trustees)."""

from __future__ import annotations

import duckdb
import pytest

from casson.platform import access
from tests.conftest import open_tab, signed_in_app
from ui import pair_forms


@pytest.fixture(autouse=True)
def _no_smtp(monkeypatch):
    for key in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "TLS"):
        monkeypatch.delenv(f"CASSON_SMTP_{key}", raising=False)
    monkeypatch.setattr("casson.mail.sending.SECRETS_FILE", None)


def _page(role: str, key: str):
    at = signed_in_app(role).run()
    at.switch_page(access.page(key).path).run()
    assert not at.exception, at.exception
    return at


def _db(app_env):
    return duckdb.connect(str(app_env))


@pytest.mark.parametrize("key", ["register", "messages"])
def test_trustees_are_refused_the_intake_pages(app_env, key):
    at = signed_in_app("trustee", access.page(key).path).run()
    assert any("not available to your role" in e.value for e in at.error)
    assert not at.dataframe


def test_staff_move_three_registrations_into_a_new_cohort(app_env):
    at = _page("staff", "register")
    con = _db(app_env)
    ids = [r[0] for r in con.execute("SELECT id FROM interest WHERE cohort_wanted = 'cohort-3' AND "
                                     "role_wanted = 'mentee' AND status = 'new' "
                                     "ORDER BY id LIMIT 3").fetchall()]
    con.close()
    at.multiselect(key="reg_pick_0").set_value(ids).run()
    at.selectbox(key="reg_target_0").select("A new cohort…").run()
    assert at.text_input(key="reg_new_id_0").value == "cohort-3"
    at.text_input(key="reg_new_name_0").input("Cohort 3 (2022-23)").run()
    assert at.radio(key="reg_as_0_1").value == "mentee"
    at.button(key="reg_move").click().run()
    assert not at.exception, at.exception
    assert any("3 joined Cohort 3 (2022-23) as mentees" in s.value for s in at.success)
    con = _db(app_env)
    try:
        rows = con.execute("SELECT i.status, i.joined_cohort, pa.role FROM interest i JOIN "
                           "participants pa "
                           "ON pa.person_id = i.person_id AND pa.cohort_id = "
                           "'cohort-3' ORDER BY i.id").fetchall()
        assert rows == [("joined", "cohort-3", "mentee")] * 3
        assert con.execute("SELECT name FROM cohorts WHERE "
                           "id = 'cohort-3'").fetchone() == ("Cohort 3 (2022-23)",)
    finally:
        con.close()


def test_staff_preview_and_send_introductions_to_the_outbox(app_env):
    at = _page("staff", "messages")
    at.selectbox(key="mail_cohort").select("cohort-2").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["To send"] == "100" and metrics["Already delivered"] == "0"
    texts = " ".join(t.value for t in at.text)
    assert texts.startswith("To: ") and "Subject: Introducing your Cohort 2 (2021-22)" in texts
    assert "Dear " in texts
    at.button(key="mail_send").click().run()
    assert not at.exception, at.exception
    assert any("100 written to the outbox" in s.value for s in at.success)
    assert {m.label: m.value for m in at.metric}["Already delivered"] == "100"
    assert len(list((app_env.parent / "outbox").glob("*.eml"))) == 100


def test_a_long_recipient_list_is_narrowed_by_a_search_before_the_preview(app_env, monkeypatch):
    # cohort-2 has 100 recipients; a limit of 30 stands in for a profession-scale cohort's 10,000.
    monkeypatch.setattr("ui.widgets.CHOICE_LIMIT", 30)
    at = _page("staff", "messages")
    at.selectbox(key="mail_cohort").select("cohort-2").run()
    key = "mail_preview_introduction_cohort-2_None"
    assert len(at.selectbox(key=key).options) == 30
    assert any("Showing the first 30 of 100" in c.value for c in at.caption)
    con = _db(app_env)
    name, email = con.execute(
        "SELECT p.full_name, p.email FROM pairs pr JOIN participants pa ON pa.id = pr.mentee_id "
        "JOIN people p ON p.id = pa.person_id WHERE pr.cohort_id = 'cohort-2' ORDER BY "
        "pr.id DESC LIMIT 1").fetchone()
    con.close()
    at.text_input(key=f"{key}_find").input(email.upper()).run()
    assert at.selectbox(key=key).options == [f"{name} <{email}>"]
    assert f"To: {name} <{email}>" in at.text[0].value
    assert f"Dear {name.split()[0]}" in at.text[1].value
    at.text_input(key=f"{key}_find").input("nobody-by-this-name").run()
    assert any("No one matches 'nobody-by-this-name'" in c.value for c in at.caption)
    assert not at.text, "no preview when the search matches no one"
    assert {m.label: m.value for m in at.metric}["To send"] == "100"


def test_staff_edit_a_template_and_opt_a_person_out_on_the_email_page(app_env):
    at = _page("staff", "messages")
    at.selectbox(key="mail_cohort").select("cohort-2").run()
    # Lazy expanders: closed, neither form is drawn.
    assert not [t for t in at.text_input if t.key.startswith("mail_edit_")]
    assert not [s for s in at.selectbox if s.key == "mail_optout_who"]
    open_tab(at, "mail_edit_open")
    at.text_input(key="mail_edit_introduction_subject").input("Meet {other_name}, {first_name}")
    at.button(key="mail_edit_save").click().run()
    assert not at.exception and any("Saved the" in s.value for s in at.success)
    con = _db(app_env)
    assert con.execute("SELECT subject, updated_by FROM email_templates WHERE name = 'introduction'"
                       ).fetchall() == [("Meet {other_name}, {first_name}", "staff")]
    person_id, name, email = con.execute(
        "SELECT p.id, p.full_name, p.email FROM pairs pr JOIN participants pa ON pa.id "
        "= pr.mentee_id "
        "JOIN people p ON p.id = pa.person_id WHERE pr.cohort_id = 'cohort-2' ORDER "
        "BY pr.id LIMIT 1").fetchone()
    con.close()
    assert at.text[0].value.splitlines()[1].startswith("Subject: Meet ")

    open_tab(at, "mail_optout_open")
    at.selectbox(key="mail_optout_who").select(person_id).run()
    at.button(key="mail_optout").click().run()
    assert not at.exception and any(f"{name} opted out." in s.value for s in at.success)
    con = _db(app_env)
    assert (con.execute("SELECT person_id, set_by FROM email_opt_outs").fetchall()
            == [(person_id, "staff")])
    con.close()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Left out"] == "1" and metrics["To send"] == "99"
    preview = at.selectbox(key="mail_preview_introduction_cohort-2_None")
    assert email not in [o.split(" <")[1].rstrip(">") for o in preview.options]


def test_directory_resources_tab_filters_for_every_role(app_env):
    at = open_tab(_page("trustee", "directory"), "dir_tab", "Resources")
    at.text_input(key="res_text").input("coaching").run()
    assert any("1 of 3 resources" in c.value for c in at.caption)


def test_staff_accept_a_suggestion_into_the_directory(app_env):
    con = _db(app_env)
    [sid] = con.execute("SELECT id FROM suggestions WHERE title LIKE 'CAHPR%'").fetchone()
    con.close()
    at = open_tab(_page("staff", "directory"), "dir_tab", "Suggestions")
    at.selectbox(key="sugg_pick").select(sid).run()
    at.button(key="sugg_accept").click().run()
    assert not at.exception, at.exception
    assert any("is in the directory" in s.value for s in at.success)
    con = _db(app_env)
    try:
        assert con.execute("SELECT count(*) FROM resources WHERE source = "
                           "'Council for Allied Health Professions Research'").fetchone() == (1,)
    finally:
        con.close()


def _funnel(at):
    [frame] = [d.value for d in at.dataframe if {"willing", "invited",
                                                 "mentored_later"} <= set(d.value.columns)]
    return frame.set_index("cohort")


def test_outcomes_shows_the_funnel_and_staff_invite_willing_mentees(app_env):
    con = _db(app_env)
    con.execute("INSERT INTO cohorts (id, name, starts_on) VALUES ('cohort-3', 'Cohort 3', "
                "DATE '2022-10-03')")
    con.close()
    at = _page("staff", "outcomes")
    at.selectbox(key="cohort").select("pilot-2021").run()
    open_tab(at, "outcomes_tab", "Pipeline and the loop")  # a lazy tab: only the open one runs
    funnel = _funnel(at)
    assert funnel.loc["pilot-2021", ["willing", "invited", "mentored_later"]].tolist() == [41, 17,
                                                                                           12]
    at.button(key="loop-invite").click().run()
    assert not at.exception, at.exception
    funnel = _funnel(at)
    # into cohort-3, the newest; one is still "new"
    assert funnel.loc["pilot-2021", "invited"] == 40
    trustee = _page("trustee", "outcomes")
    open_tab(trustee, "outcomes_tab", "Pipeline and the loop")
    assert _funnel(trustee) is not None  # the panel is there, without the staff action
    assert not [b for b in trustee.button if b.key == "loop-invite"]


def test_a_persons_page_and_the_pairs_history_show_their_messages(app_env):
    from casson.mail import sending
    from casson.platform import db

    con = db.connect(app_env)
    batch = sending.compose(con, "introduction", "cohort-2")
    sending.send(con, "ruth", batch, None)
    con.close()
    first = batch.messages[0]
    at = _page("staff", "people")
    at.selectbox(key="cohort").select("cohort-2").run()
    open_tab(at, "people_messages_open")  # a lazy expander
    at.selectbox(key="people_messages_who").select(first.recipient).run()
    assert not at.exception, at.exception
    [shown] = [d.value for d in at.dataframe if "template" in d.value.columns]
    assert shown[["template", "subject", "status"]].values.tolist() == [["introduction",
                                                                         first.subject, "written"]]
    at = _page("staff", "pairs")
    at.selectbox(key="pairs_cohort").select("cohort-2").run()
    open_tab(at, pair_forms.TAB_KEY, "History")  # a lazy tab: only the open one runs
    [intro] = [d.value for d in at.dataframe if "pair_id" in d.value.columns
               and "subject" in d.value.columns]
    assert len(intro) == len(batch.messages) and set(intro["status"]) == {"written"}


def test_upload_a_new_cohort_for_the_register_keeps_its_form_open(app_env):
    # A kind whose cohort is optional ("— none —" is an option) must still open the new-cohort form.
    from ui import upload_view

    at = _page("staff", "upload")
    at.selectbox(key="upload_kind").select("interest").run()
    at.selectbox(key="upload_cohort").select(upload_view.NEW_COHORT).run()
    assert at.selectbox(key="upload_cohort").value == upload_view.NEW_COHORT
    assert [t.label for t in at.text_input] == ["Cohort id", "Name"]
