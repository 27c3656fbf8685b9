"""Intake in headless Chromium against a real server and a real SMTP server (aiosmtpd on
127.0.0.1, started here): a coordinator imports registrations, moves three people into a new
cohort, pairs them, previews the introductions and sends them; the SMTP server receives them.

Screenshots of the register, the preview and a received message go to /tmp/intake-shots/.
"""

from __future__ import annotations

import html
import re
import shutil
import socket
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import serve_app, sign_in, wait_for_app

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/intake-shots")
FORM_EXPORT = Path(__file__).resolve().parent / "intake_files" / "register_of_interest_forms.csv"
# The three registrations of the form export that the coordinator moves into cohort-3.
MENTEES = [("Morwenna Tregear", "morwenna.tregear@example.org"),
           ("Callum Baird", "callum.baird@example.org")]
MENTOR = ("Eilidh Fraser", "Eilidh.Fraser@example.org")  # as the person typed it


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos),
                              message_from_bytes(envelope.content, policy=default)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(demo_db_template: Path, accounts_template: Path, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch):
    """A real SMTP server on 127.0.0.1 and the app, told to send through it (CASSON_SMTP_*)."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setenv("CASSON_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CASSON_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("CASSON_SMTP_TLS", "none")
    monkeypatch.setenv("CASSON_SMTP_FROM", "Casson mentoring <mentoring@example.org>")
    dbfile, authfile = tmp_path / "casson.duckdb", tmp_path / "auth.yaml"
    shutil.copy(demo_db_template, dbfile)
    shutil.copy(accounts_template, authfile)
    try:
        with serve_app(dbfile, authfile) as base:
            yield base, dbfile, inbox
    finally:
        controller.stop()


def _import_registrations(page, base: str) -> None:
    """Create the new cohort on the Upload page, then upload the registration form's Forms export
    as kind `interest` into it ("the next cohort" of the form) and commit it."""
    page.goto(f"{base}/upload")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    _pick(page, "What is in the file?", "^interest")
    _pick(page, "Cohort", "New cohort")
    main.get_by_label("Cohort id").fill("cohort-3")
    main.get_by_label("Name").fill("Cohort 3 (2022-23)")
    main.get_by_role("button", name="Create cohort").click()
    main.get_by_text("Created cohort Cohort 3 (2022-23).").wait_for(timeout=30_000)
    wait_for_app(page)
    main.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(FORM_EXPORT))
    # the click waits for the button the checked file brings
    main.get_by_role("button", name="Import 6 new or changed rows").click(timeout=60_000)
    main.get_by_text(f"Imported {FORM_EXPORT.name} as interest: 6 new").wait_for(timeout=30_000)


def _tick(page, multiselect, name: str) -> None:
    box = multiselect.locator("input")
    box.click()
    box.fill(name)
    page.get_by_role("option").filter(has_text=name).first.click(timeout=60_000)
    page.keyboard.press("Escape")
    wait_for_app(page)


def _pick(page, label: str, option: str) -> None:
    """As the Upload page's own browser test picks (the box by its text, the option by pattern)."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=re.compile(option)).first.click()
    wait_for_app(page)


def _choose(page, main, label: str, option: str) -> None:
    """Pick `option` (its label starts so) in the select box labelled exactly `label`."""
    box = main.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option[:12])
    page.get_by_role("option").filter(has_text=option).first.click()
    wait_for_app(page)


def _move(page, main, people: list[tuple[str, str]], as_role: str, new_cohort: bool) -> None:
    picker = main.get_by_test_id("stMultiSelect").filter(has_text="Tick people")
    for name, _ in people:
        _tick(page, picker, name)
    wait_for_app(page)
    _choose(page, main, "Cohort",
            "A new cohort…" if new_cohort else "Cohort 3 (2022-23)")
    wait_for_app(page)
    if new_cohort:
        assert main.get_by_label("New cohort id").input_value() == "cohort-3"
        main.get_by_label("New cohort name").fill("Cohort 3 (2022-23)")
        main.get_by_label("New cohort name").press("Enter")
        wait_for_app(page)
    main.get_by_test_id("stRadio").filter(has_text="As").get_by_text(f"{as_role}s",
                                                                     exact=True).click()
    wait_for_app(page)
    main.get_by_role("button", name=f"Move {len(people)} into the cohort").click()
    joined = f"{len(people)} joined Cohort 3 (2022-23) as {as_role}s"
    main.get_by_text(joined).wait_for(timeout=30_000)
    wait_for_app(page)


def test_coordinator_imports_moves_three_people_and_sends_their_introductions(page, smtp_server):
    base, _, inbox = smtp_server
    SHOTS.mkdir(exist_ok=True)
    sign_in(page, base, "staff")
    _import_registrations(page, base)

    page.goto(f"{base}/register")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("on the register").first.wait_for()
    main.get_by_test_id("stDataFrame").first.locator("canvas").first.wait_for()
    wait_for_app(page)
    page.screenshot(path=str(SHOTS / "register.png"), full_page=True)
    _move(page, main, MENTEES, "mentee", new_cohort=False)
    _move(page, main, [MENTOR], "mentor", new_cohort=False)

    # Pair them from the suggestion (one mentor with one free place: one pair).
    page.goto(f"{base}/pairs")
    wait_for_app(page)
    _choose(page, main, "Cohort", "Cohort 3 (2022-23)")
    main.get_by_role("tab", name="Suggest pairs").click()
    wait_for_app(page)
    main.get_by_role("button", name="Suggest pairs").click()
    wait_for_app(page)
    main.get_by_role("button", name="Accept ticked suggestions").click()
    main.get_by_text("Accepted: 1 new pairs").wait_for(timeout=30_000)
    wait_for_app(page)

    page.goto(f"{base}/messages")
    wait_for_app(page)
    _choose(page, main, "Cohort", "Cohort 3 (2022-23)")
    preview = main.locator(".st-key-mail_preview")
    preview.wait_for()
    text = preview.inner_text()
    assert "Subject: Introducing your Cohort 3 (2022-23)" in text
    assert MENTOR[0] in text
    page.screenshot(path=str(SHOTS / "preview.png"), full_page=True)
    main.get_by_role("button", name="Send 2 messages").click()
    main.get_by_text("2 sent via SMTP 127.0.0.1").wait_for(timeout=30_000)

    received = {rcpt[0]: msg for rcpt, msg in inbox.messages}
    paired_mentee = next(e for n, e in MENTEES if e in received)
    assert set(received) == {MENTOR[1], paired_mentee}
    mentee_name = next(n for n, e in MENTEES if e == paired_mentee)
    to_mentor = received[MENTOR[1]]
    assert to_mentor["To"].addresses[0].addr_spec == MENTOR[1]
    assert to_mentor["Subject"] == f"Introducing your Cohort 3 (2022-23) mentee: {mentee_name}"
    body = to_mentor.get_body(("plain",)).get_content()
    assert (body.startswith(f"Dear {MENTOR[0].split()[0]},")
            and f"{mentee_name} ({paired_mentee})" in body)
    assert "Demo Coordinator" in body  # signed by the coordinator who sent it
    to_mentee = received[paired_mentee]
    assert to_mentee["Subject"] == f"Introducing your Cohort 3 (2022-23) mentor: {MENTOR[0]}"

    # One received message, as a mail client would show it.
    headers = "".join(f"<b>{k}:</b> {html.escape(str(to_mentor[k]))}<br>"
                      for k in ("From", "To", "Subject", "Date"))
    page.set_content("<html><body "
                     "style='font-family:sans-serif;padding:2em'><h3>Received by the test's "
                     f"SMTP server</h3>{headers}<hr><pre "
                     f"style='white-space:pre-wrap'>{html.escape(body)}"
                     "</pre></body></html>")
    page.screenshot(path=str(SHOTS / "received.png"), full_page=True)
