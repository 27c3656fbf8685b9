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
    _pick(page, "Cohort", r"\(cohort-2\)")

    _upload(page, "mentees.csv", BAD, main.get_by_text("CSV, UTF-8, semicolon-delimited, 2 rows"))
    expect(main.get_by_text("1 problem in 1 row: nothing has been written")).to_be_visible()
    expect(_metric(page, "With errors")).to_have_text("1")
    expect(_metric(page, "New")).to_have_text("1")
    assert page.get_by_test_id("stDataFrame").count() >= 1  # the error table
    assert main.get_by_role("button", name=re.compile("Import")).is_disabled()

    _upload(page, "mentees.csv", FIXED, main.get_by_role("button", name="Import 2 new or changed rows"))
    expect(_metric(page, "With errors")).to_have_text("0")
    expect(_metric(page, "New")).to_have_text("2")
    main.get_by_role("button", name="Import 2 new or changed rows").click()
    expect(main.get_by_text(re.compile(r"Imported mentees.csv as mentees: 2 new, 0 updated"))).to_be_visible()
    wait_for_app(page)

    # The rows are in the database: the same file again is all unchanged.
    page.reload()
    wait_for_app(page)
    _pick(page, "What is in the file?", "^mentees")
    _pick(page, "Cohort", r"\(cohort-2\)")
    _upload(page, "mentees.csv", FIXED, main.get_by_text("This exact file was imported before"))
    expect(_metric(page, "Unchanged")).to_have_text("2")
    expect(_metric(page, "New")).to_have_text("0")
