"""Decision letters: a batch per kind through the programme's mail path (the outbox, and a real
SMTP server: aiosmtpd on 127.0.0.1, started by tests/test_mail.py's fixture), logged per bid,
never sent twice; the bid's placeholders and the panel's feedback only where staff share it."""

from __future__ import annotations

import json
from datetime import date
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from casson.grants import bids
from casson.mail import letters, sending, templates
from casson.platform import access
from casson.protection import erasure
from tests.support import open_tab, signed_in_app
from tests.test_mail import Inbox, _free_port

ROUND = "letters-test"


@pytest.fixture
def smtp():
    """aiosmtpd on 127.0.0.1, with tests/test_mail.py's inbox (keeps every message)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield (
        inbox,
        sending.SmtpSettings(
            host="127.0.0.1",
            port=controller.port,
            tls="none",
            sender="Casson grants <grants@example.org>",
        ),
    )
    controller.stop()


def _declined(con, n: int, first: int = 1) -> list[int]:
    """`n` bids received and then declined through the pipeline, as staff would."""
    ids = []
    for i in range(first, first + n):
        bid_id = bids.add(
            con,
            "staff",
            reference=f"LP-L-{i:03d}",
            applicant_name=f"Applicant{i} Tester",
            applicant_email=f"applicant{i}@example.org",
            project_title=f"Project number {i}",
            amount_requested=5000,
            employer="Community NHS trust",
            region="Wales",
            received_on=date(2026, 1, 5),
        )
        bid = bids.get(con, bid_id)
        bids.update(
            con,
            "staff",
            bid_id,
            bid["version"],
            reason="Panel",
            status="declined",
            decided_on=date(2026, 3, 1),
        )
        ids.append(bid_id)
    return ids


def _awarded(con, ref: str = "LP-L-900", amount: int = 7500) -> int:
    bid_id = bids.add(
        con,
        "staff",
        reference=ref,
        applicant_name="Winifred Award",
        applicant_email="winifred.award@example.org",
        project_title="Falls clinic",
        amount_requested=8000,
        employer="Acute NHS trust",
        region="London",
        received_on=date(2026, 1, 5),
    )
    for status in ("shortlisted", "awarded"):
        bid = bids.get(con, bid_id)
        bids.update(
            con,
            "staff",
            bid_id,
            bid["version"],
            reason="Panel",
            status=status,
            amount_awarded=amount if status == "awarded" else "unchanged",
            decided_on=date(2026, 3, 1),
        )
    return bid_id


def _log(con) -> list[tuple]:
    return con.execute(
        "SELECT bid_id, template, recipient, subject, status, eml_file, cohort_id "
        "FROM email_log WHERE template LIKE 'letter-%' ORDER BY id"
    ).fetchall()


def _eml(path: Path):
    return message_from_bytes(path.read_bytes(), policy=default)


def test_ten_declined_bids_get_ten_letters_in_the_outbox_ten_log_rows_and_never_a_second(
    empty_con, tmp_path
):
    ids = _declined(empty_con, 10)
    outbox = sending.outbox_dir(sending.db_file_of(empty_con))  # beside the database
    assert outbox == tmp_path / "outbox"

    batch = letters.compose(empty_con, "decline")
    assert sorted(m.bid_id for m in batch.messages) == sorted(ids) and batch.skipped == []
    outcome = letters.send(empty_con, "ruth", batch, None)

    files = sorted(outbox.glob("*.eml"))
    assert len(outcome.written) == 10 and len(files) == 10 and outcome.failed == []
    log = _log(empty_con)
    assert len(log) == 10
    assert sorted(r[0] for r in log) == sorted(ids)  # one row per bid, naming the bid
    assert {r[1] for r in log} == {"letter-decline"} and {r[4] for r in log} == {"written"}
    assert {r[6] for r in log} == {None}  # a letter belongs to no cohort
    assert sorted(r[5] for r in log) == [f.name for f in files]
    by_to = {_eml(f)["To"].addresses[0].addr_spec: _eml(f) for f in files}
    for i in range(1, 11):
        msg = by_to[f"applicant{i}@example.org"]
        assert msg["To"].addresses[0].display_name == f"Applicant{i} Tester"
        assert msg["Subject"] == f"Your grant application LP-L-{i:03d}"
        body = msg.get_body(("plain",)).get_content()
        assert body.startswith(f"Dear Applicant{i},")
        assert f'"Project number {i}" (LP-L-{i:03d})' in body
        assert "feedback" not in body.lower()  # nothing shared: no feedback paragraph

    again = letters.compose(empty_con, "decline")
    assert again.messages == [] and len(again.delivered) == 10
    second = letters.send(empty_con, "ruth", again, None)
    assert second.written == [] and second.sent == [] and second.skipped_delivered == 10
    assert len(list(outbox.glob("*.eml"))) == 10 and len(_log(empty_con)) == 10
    [audit_row] = empty_con.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'bid.letters_send'"
    ).fetchall()
    assert audit_row[0] == "ruth" and json.loads(audit_row[1])["written"] == 10


def test_an_award_letter_through_smtp_carries_amount_conditions_and_shared_feedback(
    empty_con, smtp
):
    inbox, settings = smtp
    bid_id = _awarded(empty_con)
    letters.save_details(
        empty_con,
        "ruth",
        bid_id,
        conditions="Report to the board in June.",
        feedback="A clear, well-costed plan.",
        share_feedback=True,
    )

    outcome = letters.send(empty_con, "ruth", letters.compose(empty_con, "award"), settings)

    assert outcome.sent == ["winifred.award@example.org"] and outcome.failed == []
    [msg] = inbox.to("winifred.award@example.org")
    assert msg["Subject"] == "Your grant application LP-L-900: awarded"
    body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")  # SMTP's line ends
    assert 'has awarded £7,500 towards "Falls clinic" (LP-L-900, leadership fund)' in body
    assert "The award is made on these conditions:\nReport to the board in June." in body
    assert "The panel's feedback on your application:\nA clear, well-costed plan." in body
    assert _log(empty_con) == [
        (bid_id, "letter-award", "winifred.award@example.org", msg["Subject"], "sent", None, None)
    ]
    again = letters.send(empty_con, "ruth", letters.compose(empty_con, "award"), settings)
    assert again.sent == [] and len(inbox.messages) == 1  # never twice, through SMTP too


def test_a_failed_letter_is_logged_and_a_second_run_sends_only_that_one(empty_con, smtp):
    inbox, settings = smtp
    ids = _declined(empty_con, 3)
    inbox.refuse = {"applicant2@example.org"}
    first = letters.send(empty_con, "ruth", letters.compose(empty_con, "decline"), settings)
    assert len(first.sent) == 2 and [r for r, _ in first.failed] == ["applicant2@example.org"]
    failed = [r for r in _log(empty_con) if r[4] == "failed"]
    assert [(r[0], r[2]) for r in failed] == [(ids[1], "applicant2@example.org")]

    inbox.refuse = set()
    retry = letters.compose(empty_con, "decline")
    assert [m.bid_id for m in retry.messages] == [ids[1]]
    assert letters.send(empty_con, "ruth", retry, settings).sent == ["applicant2@example.org"]
    assert len(inbox.messages) == 3


def test_the_panels_feedback_goes_only_where_staff_share_it_and_names_no_reviewer(empty_con):
    [bid_id] = _declined(empty_con, 1)
    con = empty_con
    # the bid was reviewed before it was declined: reviewers say why, one declared a conflict
    con.execute(
        "INSERT INTO review_rounds (id, title, created_by) VALUES (?, 'Round', 'staff')", [ROUND]
    )
    for reviewer, comment, conflict in (
        ("rev.alpha", "Aims are vague.", False),
        ("rev.beta", "Costs are unclear.", False),
        ("rev.gamma", "My colleague's bid.", True),
    ):
        con.execute(
            "INSERT INTO bid_conflicts (round_id, bid_id, reference, reviewer, conflict, "
            "reason) VALUES (?, ?, 'LP-L-001', ?, ?, ?)",
            [ROUND, bid_id, reviewer, conflict, "Works with them" if conflict else None],
        )
        con.execute(
            "INSERT INTO bid_reviews (round_id, bid_id, reference, reviewer, scores, "
            "weighted_score, recommendation, comment) VALUES (?, ?, 'LP-L-001', ?, '{}', "
            "2, 'do_not_fund', ?)",
            [ROUND, bid_id, reviewer, comment],
        )
    assert letters.details(con, bid_id)["feedback"] == "- Aims are vague.\n- Costs are unclear."

    [unshared] = letters.compose(con, "decline").messages
    assert "Aims are vague" not in unshared.body
    letters.save_details(con, "ruth", bid_id, feedback="Kept for us.", share_feedback=False)
    [kept] = letters.compose(con, "decline").messages
    assert "Kept for us" not in kept.body and "feedback" not in kept.body  # written, not shared

    letters.save_details(
        con, "ruth", bid_id, feedback=letters.panel_feedback(con, bid_id), share_feedback=True
    )
    [shared] = letters.compose(con, "decline").messages
    assert "- Aims are vague.\n- Costs are unclear.\n" in shared.body
    assert "colleague" not in shared.body and "rev." not in shared.body
    assert (
        con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'bid.letter_details'"
        ).fetchone()[0]
        == 2
    )
    with pytest.raises(letters.LetterError, match="no feedback to share"):
        letters.save_details(con, "ruth", bid_id, feedback="  ", share_feedback=True)


def test_letters_go_only_to_bids_of_their_decision_and_more_information_needs_the_question(
    empty_con,
):
    [declined] = _declined(empty_con, 1)
    received = bids.add(
        empty_con,
        "staff",
        reference="LP-L-500",
        applicant_name="Rita Received",
        applicant_email="rita@example.org",
        project_title="Stroke pathway",
        amount_requested=4000,
    )
    award = letters.compose(empty_con, "award", [declined])
    assert award.messages == []
    assert award.skipped == [("LP-L-001", "is declined: an award letter goes to awarded bids")]

    ask = letters.compose(empty_con, "more-info", [received])
    assert ask.messages == [] and "needs the information asked for" in ask.skipped[0][1]
    letters.save_details(
        empty_con, "ruth", received, information_needed="A letter of support from your manager."
    )
    [msg] = letters.compose(empty_con, "more-info", [received]).messages
    assert (
        "would like to know more before it decides:\nA letter of support from your manager."
        in msg.body
    )


def test_staff_edit_a_letters_wording_and_an_unknown_placeholder_is_refused(empty_con):
    [bid_id] = _declined(empty_con, 1)
    with pytest.raises(templates.TemplateError, match=r"\{cohort_name\} cannot be filled"):
        templates.save(
            empty_con,
            "ruth",
            "letter-decline",
            "About {reference}",
            "Dear {first_name}, {cohort_name}",
        )
    templates.save(
        empty_con,
        "ruth",
        "letter-decline",
        "About {reference}",
        "Dear {first_name}, not this time for {project_title}.",
    )
    [msg] = letters.compose(empty_con, "decline", [bid_id]).messages
    assert (msg.subject, msg.body) == (
        "About LP-L-001",
        "Dear Applicant1, not this time for Project number 1.",
    )
    assert "letter-decline" not in templates.TEMPLATES  # not offered as a cohort's email


def test_the_letters_tab_sends_the_filtered_batch_to_the_outbox_once(app_env):
    con = __import__("duckdb").connect(str(app_env))
    declined = con.execute("SELECT count(*) FROM bids WHERE status = 'declined'").fetchone()[0]
    con.close()
    at = signed_in_app("staff").run()
    at.switch_page(access.page("bids").path).run()
    open_tab(at, "bids_tab", "Letters")
    at.radio(key="letters_kind").set_value("decline").run()
    assert not at.exception
    assert [m.value for m in at.metric][-3:] == [str(declined), "0", "0"]
    assert any("Dear " in t.value for t in at.text)  # the first letter's preview
    at.button(key="letters_send").click().run()
    assert not at.exception
    outbox = app_env.parent / "outbox"
    assert len(list(outbox.glob("*.eml"))) == declined
    assert [m.value for m in at.metric][-3:] == ["0", str(declined), "0"]
    assert at.button(key="letters_send").disabled


def test_an_erased_applicant_is_written_to_no_more(empty_con):
    ids = _declined(empty_con, 2)
    erasure.erase_person(empty_con, "applicant1@example.org", "admin")
    batch = letters.compose(empty_con, "decline")
    assert [m.bid_id for m in batch.messages] == [ids[1]]
    assert batch.skipped == [("LP-L-001", "has no applicant email to write to")]
