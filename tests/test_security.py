"""Hostile users and hostile data: trustees see no personal data anywhere, and markup or
formulas typed into names and comments stay inert in pages and exports."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import expect

from casson import demo
from casson.platform import access, db, exports
from tests.conftest import _copies, serve_app, sign_in, signed_in_app, wait_for_app
from tests.support import each_tab
from ui import widgets

XSS_NAME = '<img src=x onerror="window.__xss=1">Mallory'
SCRIPT_COMMENT = '<script>window.__xss=2</script>=HYPERLINK("http://evil","click")'


def _all_text(at) -> str:
    parts = []
    for kind in ("markdown", "caption", "text", "title", "header", "subheader", "info", "warning",
                 "error", "success", "exception"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for frame in [*at.dataframe, *at.table]:
        parts.append(frame.value.to_csv())
    for box in at.selectbox:
        parts += [str(o) for o in box.options]
    return "\n".join(parts)


@pytest.mark.parametrize("key", [s.key for s in access.pages_for("trustee")])
def test_trustee_pages_show_no_names_or_emails(app_env, con, key):
    names = {r[0] for r in con.execute("SELECT full_name FROM people UNION SELECT "
                                       "applicant_name FROM bids").fetchall()}
    con.close()
    at = signed_in_app("trustee").run()
    at.switch_page(access.page(key).path).run()
    views = []
    for _ in each_tab(at):  # every tab: only the open one runs
        assert not at.exception
        views.append(_all_text(at))
    text = "\n".join(views)
    assert "@example.org" not in text
    leaked = [n for n in names if n in text]
    assert not leaked, f"{key} shows {leaked[:3]}"


def _offered_files(monkeypatch, role: str, key: str) -> list[bytes]:
    """The bytes of every download a page offers to `role` (spied on st.download_button)."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    offered: list[bytes] = []
    real = DeltaGenerator.download_button

    def spy(self, label, data, *args, **kwargs):
        payload = data() if callable(data) else data
        offered.append(payload.encode() if isinstance(payload, str) else bytes(payload))
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: spy(st._main, *a, **k))
    at = signed_in_app(role)
    at.session_state[widgets.REMEMBERED] = "pilot-2021"  # the surveyed cohort: comments exist
    at.run()
    at.switch_page(access.page(key).path).run()
    for _ in each_tab(at):  # every tab's downloads: only the open tab runs
        assert not at.exception
    return offered


def test_the_download_spy_sees_personal_data_where_staff_may_take_it(app_env, monkeypatch):
    offered = _offered_files(monkeypatch, "staff", "outcomes")  # the staff comments table
    assert any(b"@example.org" in payload for payload in offered)


@pytest.mark.parametrize("key", [s.key for s in access.pages_for("trustee")])
def test_trustee_downloads_hold_no_names_or_emails(app_env, con, monkeypatch, key):
    """Every file a trustee's page offers (chart data…) is checked, not only the screen."""
    names = {r[0] for r in con.execute("SELECT full_name FROM people UNION SELECT "
                                       "applicant_name FROM bids").fetchall()}
    con.close()
    offered = _offered_files(monkeypatch, "trustee", key)
    if key == "outcomes":
        assert offered  # the data behind every chart
    for payload in offered:
        text = payload.decode("utf-8", errors="ignore")
        assert "@example.org" not in text
        assert not [n for n in names if n in text]


def test_stored_markup_and_formulas_export_inert(con):
    formula = '=HYPERLINK("http://evil","click")'
    con.execute("UPDATE people SET full_name = ? WHERE id = 1", [XSS_NAME])
    con.execute("UPDATE survey_responses SET comments = ? WHERE id = 1", [formula])
    con.execute("UPDATE survey_responses SET comments = ? WHERE id = 2", [SCRIPT_COMMENT])
    comments = [r["comments"]
                for r in csv.DictReader(io.StringIO(exports.to_csv(con, "survey_responses")))]
    assert "'" + formula in comments and formula not in comments
    assert SCRIPT_COMMENT in comments  # markup is text in a CSV; it is kept as typed
    names = [r["full_name"]
             for r in csv.DictReader(io.StringIO(exports.to_csv(con, "participants")))]
    assert XSS_NAME in names
    workbook = exports.xlsx_bytes(exports.frame(con, "survey_responses"))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("'") for c in cells
                         if "script" not in c.value)


DEMO_COHORT_NAMES = {"cohort-2": "Cohort 2 (2021-22)", "pilot-2021": "Pilot (March–June 2021)"}


def _choose_cohort(page, cohort: str) -> None:
    """Pick `cohort` in the page's cohort picker and wait until the picker shows it."""
    box = page.get_by_test_id("stMain").get_by_role("combobox", name="Cohort", exact=True)
    box.click()
    name = DEMO_COHORT_NAMES[cohort]  # pickers read by name
    page.get_by_role("option").filter(has_text=name).first.click()
    expect(box).to_have_value(name)
    wait_for_app(page)


@pytest.mark.browser
def test_hostile_names_and_comments_render_as_text_in_the_browser(page, demo_db_template,
                                                                   accounts_template, tmp_path):
    dbfile, authfile = _copies(demo_db_template, accounts_template, tmp_path)
    con = db.connect(dbfile)
    person = con.execute("""SELECT per.id, per.email FROM people per
                            JOIN participants p ON p.person_id = per.id
                            WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentee' ORDER BY per.id
                            LIMIT 1""").fetchone()
    con.execute("UPDATE people SET full_name = ? WHERE id = ?", [XSS_NAME, person[0]])
    con.execute("UPDATE survey_responses SET comments = ? WHERE cohort_id = 'pilot-2021'",
                [SCRIPT_COMMENT])
    con.close()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    main = page.get_by_test_id("stMain")
    with serve_app(dbfile, authfile) as base:
        sign_in(page, base, "staff")
        # Each page opens on the one default cohort (the newest with survey answers): choose the
        # cohort holding the hostile text, cohort-2's name and pilot-2021's comments.
        for key, cohort in (("people", "cohort-2"), ("pairs", "cohort-2"),
                            ("outcomes", "pilot-2021")):
            page.goto(f"{base}/{key}")
            wait_for_app(page)
            _choose_cohort(page, cohort)
            # drawn: its title is up (a script in a name would have run by now)
            expect(main.get_by_role("heading", level=1)).to_be_visible()
        page.goto(f"{base}/people")
        wait_for_app(page)
        _choose_cohort(page, "cohort-2")
        page.get_by_label("Search names and emails").fill("Mallory")
        page.keyboard.press("Enter")
        wait_for_app(page)
        # found as text
        expect(page.get_by_text(f"1 of {demo.COHORT_TWO_PARTICIPANTS} participants")
               ).to_be_visible()
        assert page.get_by_test_id("stDataFrame").count() == 1
        assert page.evaluate("window.__xss") is None
        assert page.locator('img[src="x"]').count() == 0
    assert dialogs == []
