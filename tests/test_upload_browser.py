"""Playwright uploads files through the real Upload page of a private server."""

import re

import pytest

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


def _upload(page, name: str, data: bytes) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.wait_for_timeout(500)
    wait_for_app(page)


def _metric(page, label: str) -> str:
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue").inner_text()


def test_staff_upload_a_file_fix_it_and_import_it_through_the_page(page, private_server):
    base, _ = private_server
    sign_in(page, base, "staff")
    page.goto(f"{base}/upload")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    assert main.get_by_role("heading", name="Upload").is_visible()
    _pick(page, "What is in the file?", "^mentees")
    _pick(page, "Cohort", r"\(cohort-2\)")

    _upload(page, "mentees.csv", BAD)
    assert main.get_by_text("CSV, UTF-8, semicolon-delimited, 2 rows").is_visible()
    assert main.get_by_text("1 problem in 1 row: nothing has been written").is_visible()
    assert _metric(page, "With errors") == "1" and _metric(page, "New") == "1"
    assert page.get_by_test_id("stDataFrame").count() >= 1  # the error table
    assert main.get_by_role("button", name=re.compile("Import")).is_disabled()

    _upload(page, "mentees.csv", FIXED)
    assert _metric(page, "With errors") == "0" and _metric(page, "New") == "2"
    main.get_by_role("button", name="Import 2 new or changed rows").click()
    page.wait_for_timeout(500)
    wait_for_app(page)
    assert main.get_by_text(re.compile(r"Imported mentees.csv as mentees: 2 new, 0 updated")).is_visible()

    # The rows are in the database: the same file again is all unchanged.
    page.reload()
    wait_for_app(page)
    _pick(page, "What is in the file?", "^mentees")
    _pick(page, "Cohort", r"\(cohort-2\)")
    _upload(page, "mentees.csv", FIXED)
    assert _metric(page, "Unchanged") == "2" and _metric(page, "New") == "0"
    assert main.get_by_text("This exact file was imported before").is_visible()
