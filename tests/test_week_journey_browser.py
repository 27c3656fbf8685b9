"""A week of use in a real browser (issue 26).

A coordinator's week: a new cohort that started on 1 October, mentors and mentees imported from
Google Forms exports, suggested pairs accepted and activated from the cohort's start, a meeting
of 20 October logged late, and the board pack printed from the command line while the
dashboard runs. A trustee's meeting: the Outcomes presentation at 1280x720, reloaded, still
signed in and every screen on one screen. (The survey answered "Maybe" belongs to the import
work of the same issue and is not part of this journey yet.)
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, sign_in, wait_for_app

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parent / "forms_corpus"
COHORT, NAME = "autumn-26", "Autumn 2026"


def _pick(page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=re.compile(option)).first.click()
    wait_for_app(page)


def _date(page, scope, label: str, text: str) -> None:
    """Type a dd/mm/yyyy date into a date field (its day, month and year segments)."""
    group = scope.get_by_role("group", name=label, exact=True).first
    group.get_by_role("spinbutton").first.click()
    page.keyboard.type(text.replace("/", ""))
    page.keyboard.press("Tab")


def _import(page, main, kind: str, file: str, rows: int) -> None:
    _pick(page, "What is in the file?", f"^{kind}")
    _pick(page, "Cohort", f"^{re.escape(NAME)}$")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": file, "mimeType": "text/csv", "buffer": (CORPUS / file).read_bytes()}]
    )
    button = main.get_by_role("button", name=f"Import {rows} new or changed rows")
    expect(button).to_be_enabled(timeout=30_000)
    wait_for_app(page)
    button.click()
    expect(
        main.get_by_text(re.compile(f"Imported {re.escape(file)} as {kind}: {rows} new"))
    ).to_be_visible()
    wait_for_app(page)


def _rows(dbfile, sql):
    """Read the database the running app holds, as the CLI does: through a consistent copy."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import sys, shutil, duckdb; from casson.platform import dbfiles; "
                f"c = dbfiles.read_copy({str(dbfile)!r}); con = duckdb.connect(str(c)); "
                f"print(repr(con.execute({sql!r}).fetchall())); con.close(); "
                 "shutil.rmtree(c.parent)"
            ),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return eval(out.stdout)  # noqa: S307 - our own repr of plain values


def test_a_coordinators_week_then_a_trustees_meeting(browser, private_server, tmp_path):
    base, dbfile = private_server
    staff = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = staff.new_page()
    sign_in(page, base, "staff")
    main = page.get_by_test_id("stMain")

    # Monday: the cohort, which began on 1 October, is set up at last.
    page.goto(f"{base}/cohorts")
    wait_for_app(page)
    main.get_by_text("Create a cohort").click()
    create = main.get_by_test_id("stForm").filter(has_text="Create cohort").first
    create.get_by_label("Id (no spaces)").fill(COHORT)
    create.get_by_label("Name", exact=True).fill(NAME)
    _date(page, create, "Starts", "01/10/2026")
    create.get_by_role("button", name="Create cohort").click()
    wait_for_app(page)
    expect(main.get_by_text(f"Created the cohort {NAME}")).to_be_visible()

    # The Forms exports, as downloaded: no re-mapping.
    page.goto(f"{base}/upload")
    wait_for_app(page)
    _import(page, main, "mentors", "google_forms_mentors.csv", 2)
    _import(page, main, "mentees", "google_forms_mentees.csv", 2)

    # Match, and activate from the cohort's start (the default when activating late).
    page.goto(f"{base}/pairs")
    wait_for_app(page)
    _pick(page, "Cohort", f"^{re.escape(NAME)}$")
    main.get_by_role("tab", name="Suggest pairs").click()
    wait_for_app(page)
    main.get_by_role("button", name="Suggest pairs").click()
    wait_for_app(page)
    main.get_by_role("radio", name="proposed").check()
    main.get_by_role("button", name="Accept ticked suggestions").click()
    # the accepted pairs are saved before the next tab is opened (its click could otherwise
    # land while the accepting run is still on its way)
    expect(main.get_by_text("Accepted: 2 new pairs")).to_be_visible()
    wait_for_app(page)
    main.get_by_role("tab", name="Change a pair").click()
    wait_for_app(page)
    expect(main.get_by_role("group", name="Start date", exact=True)).to_have_text(
        re.compile(r"01\D*10\D*2026")
    )
    main.get_by_role("button", name="Activate all 2 proposed").click()
    wait_for_app(page)
    expect(main.get_by_text("Activated 2 pairs, starting 01/10/2026")).to_be_visible()

    # A meeting of 20 October, logged in December: within the term, so accepted.
    main.get_by_role("tab", name="Meetings and check-ins").click()
    wait_for_app(page)
    form = main.get_by_test_id("stForm").filter(has_text="Log a meeting").first
    form.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option").first.click()
    _date(page, form, "Met on", "20/10/2026")
    form.get_by_role("button", name="Log meeting").click()
    wait_for_app(page)
    expect(main.get_by_text("Logged a meeting on 20 Oct 2026.")).to_be_visible()
    assert (
        _rows(dbfile, f"SELECT status, started_on::VARCHAR FROM pairs WHERE cohort_id = '{COHORT}'")
        == [("active", "2026-10-01")] * 2
    )
    assert _rows(dbfile, f"SELECT met_on::VARCHAR FROM meetings WHERE cohort_id = '{COHORT}'") == [
        ("2026-10-20",)
    ]

    # Friday: the board pack from the command line, the dashboard still running.
    pdf = tmp_path / "pack.pdf"
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "casson",
            "--db",
            str(dbfile),
            "report",
            "--cohort",
            COHORT,
            "--out",
            str(pdf),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.returncode == 0, report.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert NAME in text and re.search(r"Pairs formed\s+2\b", text)
    staff.close()

    # The trustees' meeting: the projector is 1280x720, and someone presses reload.
    trustee = browser.new_context(viewport={"width": 1280, "height": 720})
    room = trustee.new_page()
    sign_in(room, base, "trustee")
    room.goto(f"{base}/outcomes?present=1")
    wait_for_app(room)
    room.reload()
    wait_for_app(room)
    expect(room.get_by_role("switch", name="Presentation mode")).to_be_checked()
    assert room.get_by_role("textbox", name="Username").count() == 0
    for _ in range(3):
        overflow = room.evaluate("""() => { const m = document.querySelector(
            '[data-testid="stMain"]'); return m.scrollHeight - m.clientHeight; }""")
        assert overflow <= 1, f"{overflow}px too tall"
        room.get_by_role("button", name="Next ›").click()
        wait_for_app(room)
    trustee.close()
