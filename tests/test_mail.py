"""Programme email against a real SMTP server (aiosmtpd on 127.0.0.1, started here), the outbox
when no SMTP is set, the log, opt-outs, consent and retries."""

from __future__ import annotations

import os
import socket
import stat
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import icalendar
import pytest
from aiosmtpd.controller import Controller

from casson.mail import sending, templates
from casson.mentoring import calendar, interest


class Inbox:
    """An aiosmtpd handler keeping every message; refuses the addresses in `refuse`."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        msg = message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for rcpt, m in self.messages if address in rcpt]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, sending.SmtpSettings(host="127.0.0.1", port=controller.port, tls="none",
                                   sender="Casson mentoring <mentoring@example.org>")
    controller.stop()


def _log(con) -> list[dict]:
    cur = con.execute("SELECT template, recipient, subject, status, error, actor, message_key "
                      "FROM email_log ORDER BY id")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def test_introductions_arrive_with_the_right_to_subject_and_body(con, smtp):
    inbox, settings = smtp
    batch = sending.compose(con, "introduction", "cohort-2", sender_name="Ruth (coordinator)")
    pair = con.execute(
        "SELECT pm.full_name, pm.email, ps.full_name, ps.email FROM pairs p "
        "JOIN participants a ON a.id = p.mentor_id JOIN people pm ON pm.id = a.person_id "
        "JOIN participants b ON b.id = p.mentee_id JOIN people ps ON ps.id = b.person_id "
        "WHERE p.cohort_id = 'cohort-2' AND p.status = 'active' ORDER BY p.id LIMIT 1").fetchone()
    mentor_name, mentor_email, mentee_name, mentee_email = pair
    active = con.execute("SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2' "
                         "AND status IN ('proposed', 'active')").fetchone()[0]
    assert len(batch.messages) == 2 * active

    outcome = sending.send(con, "ruth", batch, settings)

    assert outcome.failed == [] and len(outcome.sent) == 2 * active
    to_mentee = [m for m in inbox.to(mentee_email) if mentor_name in m["Subject"]]
    assert len(to_mentee) == 1
    msg = to_mentee[0]
    assert msg["To"].addresses[0].addr_spec == mentee_email
    assert msg["To"].addresses[0].display_name == mentee_name
    assert msg["Subject"] == f"Introducing your Cohort 2 (2021-22) mentor: {mentor_name}"
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith(f"Dear {mentee_name.split()[0]},")
    assert f"{mentor_name} ({mentor_email})" in body and "Ruth (coordinator)" in body
    to_mentor = [m for m in inbox.to(mentor_email) if mentee_name in m["Subject"]]
    assert to_mentor and f"{mentee_name} ({mentee_email})" in to_mentor[0].get_body().get_content()
    log = [r for r in _log(con) if r["recipient"] == mentee_email and mentor_name in r["subject"]]
    assert log == [{"template": "introduction", "recipient": mentee_email,
                    "subject": msg["Subject"],
                    "status": "sent", "error": None, "actor": "ruth",
                    "message_key": log[0]["message_key"]}]


def test_webinar_invitation_carries_the_sessions_ics(con, smtp):
    inbox, settings = smtp
    session = con.execute("SELECT id, title, starts_at, join_url FROM sessions WHERE "
                          "cohort_id = 'cohort-2' "
                          "AND join_url IS NOT NULL ORDER BY starts_at LIMIT 1").fetchone()
    batch = sending.compose(con, "webinar", "cohort-2", session_id=session[0])
    first = batch.messages[0]
    sending.send(con, "ruth", batch, settings)

    [msg] = inbox.to(first.recipient)
    assert msg["Subject"] == f"Webinar invitation: {session[1]}, {session[2]:%A %d %B %Y}"
    [ics] = [p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert ics.get_filename() == calendar.file_name(session[1])
    event = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == session[1]
    assert event.decoded("DTSTART").replace(tzinfo=None) == session[2]
    assert str(event["UID"]) == calendar.uid(session[0])
    assert f"Join here: {session[3]}" in msg.get_body(("plain",)).get_content()


def test_outbox_is_used_when_no_smtp_is_set_and_its_files_are_private(con, demo_db):
    old = os.umask(0o022)
    try:
        batch = sending.compose(con, "checkin", "cohort-2")
        outcome = sending.send(con, "ruth", batch, None)
    finally:
        os.umask(old)
    folder = demo_db.parent / "outbox"
    files = sorted(folder.glob("*.eml"))
    assert len(files) == len(batch.messages) == len(outcome.written)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    first = batch.messages[0]
    found = [message_from_bytes(f.read_bytes(), policy=default) for f in files]
    match = [m for m in found if m["To"].addresses[0].addr_spec == first.recipient]
    assert len(match) == 1 and match[0]["Subject"] == first.subject
    assert match[0].get_body().get_content().replace("\r\n", "\n") == first.body
    statuses = {r["status"] for r in _log(con)}
    assert statuses == {"written"}
    assert {r["recipient"] for r in _log(con)} == {m.recipient for m in batch.messages}


def test_smtp_settings_come_from_env_or_secrets(tmp_path: Path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[smtp]\nhost = "sending.example.org"\nport = 2525\nuser = "u"\n'
                       'password = "p"\nfrom = "a@example.org"\ntls = "ssl"\n', encoding="utf-8")
    assert sending.smtp_settings({}, secrets) == sending.SmtpSettings(
        "sending.example.org", 2525, "u", "p", "a@example.org", "ssl")
    env = {"CASSON_SMTP_HOST": "127.0.0.1", "CASSON_SMTP_PORT": "1025", "CASSON_SMTP_TLS": "none"}
    assert sending.smtp_settings(env, secrets) == sending.SmtpSettings(
        "127.0.0.1", 1025, "u", "p", "a@example.org", "none")
    assert sending.smtp_settings({}, tmp_path / "missing.toml") is None
    with pytest.raises(sending.MailError, match="CASSON_SMTP_TLS"):
        sending.smtp_settings({"CASSON_SMTP_HOST": "h", "CASSON_SMTP_TLS": "tls1.3"}, None)


def test_a_refused_recipient_is_logged_failed_and_a_rerun_sends_only_what_failed(con, smtp):
    inbox, settings = smtp
    batch = sending.compose(con, "checkin", "cohort-2")
    refused = batch.messages[3].recipient
    inbox.refuse = {refused.lower()}

    first = sending.send(con, "ruth", batch, settings)

    assert [r for r, _ in first.failed] == [refused]
    assert "550" in first.failed[0][1] and "refused" in first.failed[0][1]
    failed_rows = [r for r in _log(con) if r["status"] == "failed"]
    assert [(r["recipient"], r["status"]) for r in failed_rows] == [(refused, "failed")]
    assert "550 5.1.1 Mailbox unavailable" in failed_rows[0]["error"]
    assert len(inbox.messages) == len(batch.messages) - 1

    inbox.refuse = set()
    again = sending.compose(con, "checkin", "cohort-2")
    assert [m.recipient for m in again.messages] == [refused]
    assert len(again.delivered) == len(batch.messages) - 1
    second = sending.send(con, "ruth", again, settings)

    assert second.sent == [refused] and second.skipped_delivered == len(batch.messages) - 1
    assert len(inbox.messages) == len(batch.messages)
    assert sum(1 for rcpt, _ in inbox.messages if refused in rcpt) == 1


def test_an_unreachable_server_fails_every_message_with_its_reason(con):
    settings = sending.SmtpSettings(host="127.0.0.1", port=_free_port(), tls="none")
    batch = sending.compose(con, "checkin", "cohort-2")
    outcome = sending.send(con, "ruth", batch, settings)
    assert len(outcome.failed) == len(batch.messages) and not outcome.sent
    assert all("could not reach SMTP 127.0.0.1" in why for _, why in outcome.failed)
    assert {r["status"] for r in _log(con)} == {"failed"}
    assert len(sending.compose(con, "checkin", "cohort-2").messages) == len(batch.messages)


def test_opted_out_participants_get_no_programme_email(con):
    person = con.execute("SELECT p.id, p.email FROM participants pa JOIN people p ON p.id "
                         "= pa.person_id "
                         "WHERE pa.cohort_id = 'cohort-2' ORDER BY p.id LIMIT 1").fetchone()
    before = sending.compose(con, "checkin", "cohort-2")
    sending.set_opt_out(con, "ruth", person[0], True)
    after = sending.compose(con, "checkin", "cohort-2")
    assert person[1] in {m.recipient for m in before.messages}
    assert person[1] not in {m.recipient for m in after.messages}
    assert (person[1], "opted out of programme email") in after.skipped
    assert con.execute("SELECT actor, action FROM audit_log WHERE entity = 'person' "
                       "AND entity_id = ? "
                       "ORDER BY id DESC LIMIT 1", [str(person[0])]).fetchone() == (
        "ruth", "person.email_opt_out")
    sending.set_opt_out(con, "ruth", person[0], False)
    assert person[1] in {m.recipient for m in sending.compose(con, "checkin", "cohort-2").messages}


def test_invitations_go_only_to_consenting_people_and_mark_them_invited(con, smtp):
    inbox, settings = smtp
    yes = interest.add_entry(con, "ruth", {"full_name": "Ada Consent", "email": "ada@example.org",
                                            "role_wanted": "mentor", "cohort_wanted": "future",
                                            "consent": True, "region": "Wales"})
    interest.add_entry(con, "ruth", {"full_name": "Ben Noconsent", "email": "ben@example.org",
                                     "role_wanted": "mentor", "cohort_wanted": "cohort-2",
                                     "consent": False})
    batch = sending.compose(con, "invite-mentor", "cohort-2")
    expected = {r[0] for r in con.execute(
        "SELECT email FROM interest WHERE role_wanted = 'mentor' AND consent AND status IN "
        "('new', 'invited') "
        "AND cohort_wanted IN ('cohort-2', 'future')").fetchall()}
    assert "ada@example.org" in expected and "ben@example.org" not in expected
    assert {m.recipient for m in batch.messages} == expected
    assert ("ben@example.org", "did not consent to be contacted") in batch.skipped
    sending.send(con, "ruth", batch, settings)
    [msg] = inbox.to("ada@example.org")
    assert msg["Subject"] == "Would you mentor in Cohort 2 (2021-22)?"
    assert interest.get_entry(con, yes)["status"] == "invited"


def test_staff_edit_a_template_and_unknown_placeholders_are_refused(con):
    with pytest.raises(templates.TemplateError, match=r"\{nickname\}"):
        templates.save(con, "ruth", "checkin", "Hello {nickname}", "Body")
    templates.save(con, "ruth", "checkin", "Check-in for {first_name}", "Hi {name}, {cohort_name}.")
    batch = sending.compose(con, "checkin", "cohort-2")
    m = batch.messages[0]
    assert m.subject == f"Check-in for {m.name.split()[0]}"
    assert m.body == f"Hi {m.name}, Cohort 2 (2021-22)."
    assert con.execute("SELECT actor, action, entity_id FROM audit_log ORDER BY id DESC LIMIT 1"
                       ).fetchone() == ("ruth", "email_template.update", "checkin")
    templates.reset(con, "ruth", "checkin")
    assert sending.compose(con, "checkin", "cohort-2").messages[0].subject.endswith(
        "a quick check-in on your mentoring")
