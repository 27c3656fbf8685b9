"""Control characters in stored text: refused where single-line text is stored (import, the
forms' domain functions, the CLI), naming the field (or row and column) and the character;
multi-line fields keep their line breaks; text stored before this check breaks nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from icalendar import Calendar

from casson import importer
from casson.cli import main
from casson.grants import bids
from casson.mail import sending, templates
from casson.mentoring import calendar, cohorts, webinars
from casson.platform import accounts, text
from tests.import_support import last_import_id, table_hashes
from tests.test_mail import smtp  # noqa: F401 - the real SMTP server fixture

HEADER = "full_name,email,region,career_stage,themes,goals\r\n"


@pytest.mark.parametrize(
    "value, multi_line, bad",
    [
        ("Jo Example", False, None),
        ("Jo\rExample", False, "\r"),
        ("Jo\nEx", False, "\n"),
        ("Jo\tEx", False, "\t"),
        ("Jo\u2028Ex", False, "\u2028"),
        ("Jo\x85Ex", False, "\x85"),
        ("line one\r\nline two\tend", True, None),
        ("a\x1bb", True, "\x1b"),
        ("a\x00b", True, "\x00"),
    ],
)
def test_the_one_text_check(value, multi_line, bad):
    assert text.first_bad(value, multi_line=multi_line) == bad


def test_an_imported_name_with_a_line_break_is_refused_naming_row_and_column(con):
    before_id, before = last_import_id(con), table_hashes(con)
    csv = (
        HEADER + "Ada Import,ada.import@example.org,Wales,early career,,\r\n"
        '"Bea\rImport",bea.import@example.org,London,student,,\r\n'
    )
    result = importer.run(con, "mentees", csv.encode(), actor="t", cohort="cohort-2")
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [(3, "full_name")]
    assert "line break (CR), U+000D" in result.errors[0].reason
    assert "one line" in result.errors[0].reason
    assert table_hashes(con, imports_up_to=before_id) == before


def test_an_imported_goal_keeps_its_line_breaks(con):
    csv = (
        HEADER + "Ada Import,ada.import@example.org,Wales,early career,,"
        '"Lead a team\nand\tpublish"\r\n'
    )
    result = importer.run(con, "mentees", csv.encode(), actor="t", cohort="cohort-2")
    assert (result.status, result.rows_error) == ("committed", 0)
    stored = con.execute(
        "SELECT per.full_name, p.goals FROM participants p JOIN people per "
        "ON per.id = p.person_id WHERE per.email_key = 'ada.import@example.org'"
    ).fetchone()
    assert stored == ("Ada Import", "Lead a team\nand\tpublish")


def test_one_message_that_cannot_be_built_never_stops_the_batch(con, smtp):  # noqa: F811
    inbox, settings = smtp
    batch = sending.compose(con, "checkin", "cohort-2")
    broken = batch.messages[1]
    broken.name = "Mallory\r\nBcc: everyone@evil.example"  # stored before the check existed
    outcome = sending.send(con, "ruth", batch, settings)
    assert [r for r, _ in outcome.failed] == [broken.recipient]
    assert len(outcome.sent) == len(batch.messages) - 1 == len(inbox.messages)
    assert not any("evil.example" in str(m) for _, m in inbox.messages)
    status = con.execute(
        "SELECT status FROM email_log WHERE recipient = ?", [broken.recipient]
    ).fetchone()[0]
    assert status == "failed"


def test_the_outbox_also_writes_the_rest_of_the_batch(con, tmp_path):
    batch = sending.compose(con, "checkin", "cohort-2")
    first = batch.messages[0]  # a subject that cannot be a header (as a stored CR would make)
    first.wording = ("Hello\rX-Injected: 1", first.wording[1])
    outcome = sending.send(con, "ruth", batch, None, outbox=tmp_path / "outbox")
    assert len(outcome.failed) == 1 and len(outcome.written) == len(batch.messages) - 1


@pytest.mark.parametrize(
    "title, link, says",
    [
        ("Leading\rchange", None, "The title holds a line break (CR)"),
        (
            "Leading change",
            "https://teams.example.org/x\r\nATTENDEE:mailto:e@evil.example",
            "The joining link holds a line break (CR)",
        ),
    ],
)
def test_a_webinar_title_or_link_with_a_line_break_is_refused(con, title, link, says):
    with pytest.raises(webinars.WebinarError, match=says.replace("(", r"\(").replace(")", r"\)")):
        webinars.create(con, "staff", "cohort-2", title, dt.datetime(2022, 4, 4, 13), None, link)
    sid = webinars.create(con, "staff", "cohort-2", "Leading change", dt.datetime(2022, 4, 4, 13))
    with pytest.raises(webinars.WebinarError):
        webinars.update(con, "staff", sid, title, dt.datetime(2022, 4, 5, 13), None, link)
    assert webinars.get(con, sid)["title"] == "Leading change"


def test_the_ics_escapes_any_stored_text(con):
    session = {
        "session_id": 7,
        "title": "Storytelling\rATTENDEE:mailto:evil@evil.example",
        "starts_at": dt.datetime(2022, 4, 4, 13),
        "ends_at": None,
        "join_url": "https://teams.example.org/s\r\nATTENDEE:mailto:evil@evil.example",
    }
    data = calendar.calendar([session], session["title"])
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")  # unfolded content lines
    assert b"\r" not in b"".join(lines) and b"\n" not in b"".join(lines)
    assert not [line for line in lines if line.startswith(b"ATTENDEE")]
    cal = Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]).startswith("Storytelling ATTENDEE")
    assert not list(cal.walk("VEVENT"))[0].get("ATTENDEE")


def test_a_template_subject_with_a_carriage_return_is_refused_when_saved(con):
    before = templates.current(con, "checkin")
    with pytest.raises(templates.TemplateError, match="The subject holds a line break"):
        templates.save(con, "staff", "checkin", "How is it\rgoing?", before[1])
    templates.save(con, "staff", "checkin", "How is it going?", "Line one\r\nLine two")
    assert templates.current(con, "checkin") == ("How is it going?", "Line one\r\nLine two")


def test_forms_refuse_line_breaks_in_names_and_keep_them_in_notes(con):
    with pytest.raises(cohorts.CohortError, match="The name holds a line break"):
        cohorts.add(con, "cohort-9", "Cohort\nnine")
    with pytest.raises(bids.BidError, match="The applicant name holds a line break"):
        bids.add(
            con,
            "staff",
            reference="LP-2030-001",
            applicant_name="Jo\r\nExample",
            applicant_email="jo@example.org",
            project_title="A",
            amount_requested=100,
        )
    bid_id = bids.add(
        con,
        "staff",
        reference="LP-2030-001",
        applicant_name="Jo Example",
        applicant_email="jo@example.org",
        project_title="A",
        amount_requested=100,
        notes="First line\nsecond line",
    )
    assert bids.get(con, bid_id)["notes"] == "First line\nsecond line"
    config = accounts.new_config()
    with pytest.raises(accounts.AccountError, match="The display name holds a line break"):
        accounts.add_user(config, "jo", "Jo\rExample", "staff", "a long enough passphrase 1")
    assert "jo" not in config["credentials"]["usernames"]


def test_the_cli_refuses_a_display_name_with_a_line_break(accounts_file, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase 1\n"))
    code = main(
        [
            "user",
            "add",
            "jo",
            "--role",
            "staff",
            "--name",
            "Jo\nExample",
            "--accounts",
            str(accounts_file),
        ]
    )
    assert code != 0
    assert "line break (LF)" in capsys.readouterr().err
    assert "jo" not in accounts.load(accounts_file)["credentials"]["usernames"]


def test_a_pair_change_reason_is_one_line(con):
    from casson.mentoring import pairs
    from tests.test_pairs import _free_mentor, _unmatched_mentee

    mentor, mentee = _free_mentor(con), _unmatched_mentee(con)
    with pytest.raises(pairs.PairError, match="The reason holds a line break"):
        pairs.create(con, "staff", mentor, mentee, reason="met at\r\nthe conference")
    pair_id = pairs.create(con, "staff", mentor, mentee, reason="met at the conference")
    assert (
        con.execute("SELECT reason FROM pair_events WHERE pair_id = ?", [pair_id]).fetchone()[0]
        == "met at the conference"
    )
