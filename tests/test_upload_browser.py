"""Playwright uploads files through the real Upload page of a private server."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in, wait_for_app

pytestmark = pytest.mark.browser

BAD = (b"Full Name;Email;Region\r\n"
       b"Ada Browser;ada.browser@example.org;Wales\r\n"
       b"Bea Browser;bea.browser@example.org;Atlantis\r\n")
FIXED = BAD.replace(b"Atlantis", b"Yorkshire & Humber")


def _pick(page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=re.compile(option)).first.click()
    wait_for_app(page)


def _upload(page, name: str, data: bytes, shows) -> None:
    """Upload a file and wait until the page shows `shows` (a locator) about it."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    expect(shows).to_be_visible()
    wait_for_app(page)


def _attached(page, name: str):
    """The uploader's chip of the file `name`, once uploaded. Streamlit 1.67 shows the file as a
    chip (test id stFileChip) whose visible name is shortened in the middle, so find it by its
    button "Remove <name>" (it reads "Cancel upload of <name>" while the upload runs)."""
    return page.get_by_test_id("stFileChip").filter(
        has=page.get_by_role("button", name=f"Remove {name}", exact=True))


def _metric(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def test_staff_upload_a_file_fix_it_and_import_it_through_the_page(page, private_server):
    base, _ = private_server
    sign_in(page, base, "staff")
    page.goto(f"{base}/upload")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Upload")).to_be_visible()
    _pick(page, "What is in the file?", "^mentees")
    _pick(page, "Cohort", r"^Cohort 2 \(2021-22\)$")

    _upload(page, "mentees.csv", BAD, main.get_by_text("CSV, UTF-8, semicolon-delimited, 2 rows"))
    expect(main.get_by_text("1 problem in 1 row: nothing has been written")).to_be_visible()
    expect(_metric(page, "With errors")).to_have_text("1")
    expect(_metric(page, "New")).to_have_text("1")
    assert page.get_by_test_id("stDataFrame").count() >= 1  # the error table
    assert main.get_by_role("button", name=re.compile("Import")).is_disabled()

    _upload(page, "mentees.csv", FIXED,
            main.get_by_role("button", name="Import 2 new or changed rows"))
    expect(_metric(page, "With errors")).to_have_text("0")
    expect(_metric(page, "New")).to_have_text("2")
    main.get_by_role("button", name="Import 2 new or changed rows").click()
    imported = re.compile(r"Imported mentees.csv as mentees: 2 new, 0 updated")
    expect(main.get_by_text(imported)).to_be_visible()
    wait_for_app(page)

    # The rows are in the database: the same file again is all unchanged.
    page.reload()
    wait_for_app(page)
    _pick(page, "What is in the file?", "^mentees")
    _pick(page, "Cohort", r"^Cohort 2 \(2021-22\)$")
    _upload(page, "mentees.csv", FIXED, main.get_by_text("This exact file was imported before"))
    expect(_metric(page, "Unchanged")).to_have_text("2")
    expect(_metric(page, "New")).to_have_text("0")


CORPUS = __import__("pathlib").Path(__file__).resolve().parent / "forms_corpus"


class Clicks:
    """Counts what the coordinator does: clicks, and fields typed into (one each)."""

    def __init__(self, page) -> None:
        self.page, self.n = page, 0

    def pick(self, label: str, option: str) -> None:
        self.n += 2
        _pick(self.page, label, option)

    def upload(self, name: str) -> None:
        self.n += 1
        mime = "text/csv" if name.endswith(".csv") else \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": (CORPUS / name).read_bytes()}])
        expect(_attached(self.page, name)).to_be_visible()  # uploaded: its chip offers Remove
        wait_for_app(self.page)

    def fill(self, label: str, text: str) -> None:
        self.n += 1
        self.page.get_by_label(label).fill(text)

    def click(self, locator, times: int = 1) -> None:
        self.n += times
        if times == 2:
            locator.dblclick()
        else:
            locator.click()
        wait_for_app(self.page)


def _backups_before(dbfile, kind):
    """Each commit first backs the database up (the server holds the file, so count those)."""
    from casson.platform import config

    return len(list(config.backups_dir(dbfile).glob(f"*-before-import-{kind}.duckdb")))


def test_coordinators_journey_new_cohort_forms_files_no_remapping(page, private_server):
    base, dbfile = private_server
    sign_in(page, base, "staff")
    page.goto(f"{base}/upload")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    you = Clicks(page)

    # A new cohort, created on the page.
    you.pick("What is in the file?", "^mentors")
    you.pick("Cohort", r"New cohort")
    you.fill("Cohort id", "cohort-3")
    you.fill("Name", "Cohort 3 (2026-27)")
    you.click(main.get_by_role("button", name="Create cohort"))
    expect(main.get_by_text("Created cohort Cohort 3")).to_be_visible()

    # The Google Forms mentors file: themes and capacity found from the questions, no re-mapping.
    you.upload("google_forms_mentors.csv")
    expect(main.get_by_text("the header says “many mentees” and its values are whole numbers")
           ).to_be_visible()
    page.screenshot(path="/tmp/imports-shots/mapping-google-mentors.png", full_page=True)
    expect(_metric(page, "New")).to_have_text("2")
    expect(_metric(page, "With errors")).to_have_text("0")
    you.click(main.get_by_role("button", name="Import 2 new or changed rows"))
    imported = re.compile("Imported google_forms_mentors.csv as mentors: 2 new")
    expect(main.get_by_text(imported)).to_be_visible()

    # The Microsoft Forms mentees XLSX: question headers, anonymous Email/Name; a double click.
    you.pick("What is in the file?", "^mentees")
    # the run for the new kind has drawn the new (empty) uploader: a file attached before then
    # would go to the old one, which that run takes away
    expect(main.get_by_text("Columns and template for mentees")).to_be_visible()
    you.upload("ms_forms_mentees.xlsx")
    expect(main.get_by_text("Forms' own 'Email' column: 'anonymous'").first).to_be_visible()
    expect(_metric(page, "New")).to_have_text("3")
    backups = _backups_before(dbfile, "mentees")
    you.click(main.get_by_role("button", name="Import 3 new or changed rows"), times=2)
    imported = re.compile("Imported ms_forms_mentees.xlsx as mentees: 3 new")
    expect(main.get_by_text(imported)).to_be_visible()
    assert _backups_before(dbfile, "mentees") == backups + 1  # one commit: nothing happened twice
    journey = you.n

    # A file attached, then the kind changed: the file goes, nothing is offered for import.
    you.upload("ms_forms_mentors.xlsx")
    expect(_metric(page, "New")).to_have_text("2")
    you.pick("What is in the file?", "^mentors")
    expect(page.get_by_test_id("stFileChip")).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)

    # People shows the stored themes and capacity.
    page.goto(f"{base}/people")
    wait_for_app(page)
    _pick(page, "Cohort", r"^Cohort 3 ")
    page.get_by_label("Search names and emails").fill("gareth")
    page.keyboard.press("Enter")
    wait_for_app(page)
    grid = main.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("Gareth Hughes")
    expect(grid).to_contain_text("confidence; research; storytelling")
    page.screenshot(path="/tmp/imports-shots/people-after-journey.png", full_page=True)
    print(f"journey clicks: {journey}")
