"""The Email page shows what `remind` would send today and sends it; People revokes links."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from casson.platform import access
from tests.conftest import open_tab, signed_in_app


@pytest.fixture(autouse=True)
def _no_smtp(monkeypatch):
    for key in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "TLS"):
        monkeypatch.delenv(f"CASSON_SMTP_{key}", raising=False)
    monkeypatch.setattr("casson.mail.sending.SECRETS_FILE", None)


def _page(key: str):
    at = signed_in_app("staff").run()
    at.switch_page(access.page(key).path).run()
    assert not at.exception, at.exception
    return at


def test_the_email_page_shows_and_sends_the_reminders_due_today(app_env):
    con = duckdb.connect(str(app_env))
    week_on = dt.date.today() + dt.timedelta(days=7)
    con.execute(
        "UPDATE bid_reports SET due_on = ? WHERE id = (SELECT min(id) FROM bid_reports "
        "WHERE received_on IS NULL)",
        [week_on],
    )
    applicant = con.execute(
        "SELECT b.applicant_email FROM bid_reports r JOIN bids b ON "
        "b.id = r.bid_id WHERE r.due_on = ?",
        [week_on],
    ).fetchone()[0]
    con.close()
    at = _page("messages")
    at = open_tab(at, "mail_remind_open")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Due today"] == "1" and metrics["Already sent"] == "0"
    [shown] = [f.value for f in at.dataframe if "purpose" in f.value.columns]
    assert list(shown["to"]) == [applicant] and list(shown["purpose"]) == ["report"]
    at.button(key="mail_remind_send").click().run()
    assert not at.exception
    at = open_tab(at, "mail_remind_open")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Due today"], metrics["Already sent"]) == ("0", "1")
    con = duckdb.connect(str(app_env))
    try:
        assert con.execute("SELECT recipient, purpose, status FROM reminders_sent").fetchall() == [
            (applicant, "report", "written")
        ]
    finally:
        con.close()


def test_staff_revoke_a_persons_links_on_people(app_env):
    from casson.platform import db, links

    con = db.connect(app_env)
    person_id, email = con.execute(
        "SELECT per.id, per.email FROM participants pa JOIN people per ON per.id = pa.person_id "
        "WHERE pa.cohort_id = 'cohort-2' ORDER BY per.full_name LIMIT 1"
    ).fetchone()
    token, _ = links.issue(con, "staff", "details", person_id, email=email, person_id=person_id)
    con.close()
    at = _page("people")
    at.selectbox(key="cohort").select("cohort-2").run()
    at = open_tab(at, "people_links_open")
    at.selectbox(key="people_links_who").select(email).run()
    assert any("1 link(s) of this person can still be used" in c.value for c in at.caption)
    at.button(key="people_links_revoke").click().run()
    assert not at.exception
    con = db.connect(app_env)
    try:
        with pytest.raises(links.LinkRefused):
            links.check(con, token)
        assert con.execute("SELECT revoked_by FROM links_issued").fetchall() == [("staff",)]
    finally:
        con.close()
