"""By keyboard alone, in a real browser: sign in, change a pair, import a file, and step
through the presentation screens. Every stop that Tab reaches shows where the focus is (the
stop looks different focused from unfocused), and the order follows the page.

A table (st.dataframe) takes Tab from cell to cell; Escape hands the focus back to the page,
as the accessibility statement in the README says.
"""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from casson.platform import dbfiles
from tests.conftest import wait_for_app
from tests.support import DEMO_PASSWORDS, wait_for_session_cookie

pytestmark = pytest.mark.browser

COHORT_NAME = "Cohort 2 (2021-22)"
WATCH_RERUNS = """() => { window.caseReran = false;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.dataset.testScriptState === "running") window.caseReran = true;
  }).observe(app, {attributes: true}); }"""


def _stop(page) -> str:
    """The focused element as the accessibility tree names it: `- button "Sign in"`."""
    focused = page.locator(":focus")
    return focused.aria_snapshot().split("\n")[0] if focused.count() else ""


def _focus_shows(page) -> bool:
    """The focused element (and the few pixels round it, where rings and borders are drawn)
    looks different once the focus leaves it."""
    handle = page.evaluate_handle("document.activeElement")
    box = page.locator(":focus").bounding_box()
    if not box or not box["width"] or not box["height"]:
        return False
    view = page.viewport_size
    x, y = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
    clip = {"x": x, "y": y, "width": min(box["width"] + 12, view["width"] - x),
            "height": min(box["height"] + 12, view["height"] - y)}
    # animations="disabled" ends the focus ring's fade-in (a CSS transition) before the shot
    focused = page.screenshot(clip=clip, animations="disabled")
    handle.evaluate("e => e.blur()")
    unfocused = page.screenshot(clip=clip, animations="disabled")
    handle.evaluate("e => e.focus()")
    return focused != unfocused


def _tab_to(page, wanted: str, limit: int = 60, seen: list[str] | None = None) -> None:
    """Press Tab until the focused element's name matches `wanted` (a regex), checking at
    each stop that the focus can be seen."""
    seen = [] if seen is None else seen
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "CANVAS":
            seen.append("(a table's cells)")
            page.keyboard.press("Escape")  # the grid hands the focus back; Tab goes on
            continue
        stop = _stop(page)
        if not stop:
            seen.append("(the page itself)")
            continue
        page.locator(":focus").scroll_into_view_if_needed()
        assert _focus_shows(page), f"no visible focus on {stop}"
        seen.append(stop)
        if re.search(wanted, stop):
            return
    raise AssertionError(f"Tab never reached {wanted!r}; last stops: {seen[-8:]}")


def _choose(page, box: str, typed: str) -> None:
    """A select box by keyboard: focused already, type to filter, Enter takes the first."""
    assert re.search(box, _stop(page)), _stop(page)
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.wait_for()
    page.keyboard.press("Enter")
    wait_for_app(page)


def _sign_in_by_keyboard(page, base: str, who: str) -> list[str]:
    page.goto(base + "/")
    wait_for_app(page)
    seen: list[str] = []
    _tab_to(page, r'textbox "Username"', seen=seen)
    page.keyboard.type(who)
    _tab_to(page, r'textbox "Password"', seen=seen)
    page.keyboard.type(DEMO_PASSWORDS[who])
    page.keyboard.press("Enter")  # the form's own submit
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").wait_for(
        timeout=30_000)
    wait_for_app(page)
    wait_for_session_cookie(page)  # before the next address is typed
    return seen


def _pair_to_move(dbfile) -> tuple[str, str]:
    con = duckdb.connect(str(dbfile), read_only=True)
    try:
        mentee, old_id = con.execute("""
            SELECT ep.full_name, pr.mentor_id FROM pairs pr
            JOIN participants e ON e.id = pr.mentee_id JOIN people ep ON ep.id = e.person_id
            WHERE pr.cohort_id = 'cohort-2' AND pr.status = 'active' AND NOT pr.locked
            ORDER BY ep.full_name LIMIT 1""").fetchone()
        mentor = con.execute("""
            SELECT per.full_name FROM participants p JOIN people per ON per.id = p.person_id
            LEFT JOIN pairs x ON x.mentor_id = p.id AND x.status IN ('proposed', 'active')
            WHERE p.cohort_id = 'cohort-2' AND p.role = 'mentor' AND p.id <> ?
            GROUP BY per.full_name, p.capacity HAVING count(x.id) < p.capacity
            ORDER BY per.full_name LIMIT 1""", [old_id]).fetchone()[0]
    finally:
        con.close()
    return mentee, mentor


def test_staff_sign_in_change_a_pair_and_import_a_file_by_keyboard_alone(private_server, page,
                                                                        tmp_path):
    base, dbfile = private_server
    mentee, mentor = _pair_to_move(dbfile)
    seen = _sign_in_by_keyboard(page, base, "staff")
    assert seen[0] == '- link "Skip to main content":'  # the first stop skips the sidebar
    assert seen.index('- textbox "Username":') < seen.index('- textbox "Password":')

    # A pair change: the page's tabs by arrow keys, the form's fields by Tab, Enter to send.
    page.goto(base + "/pairs")
    wait_for_app(page)
    assert COHORT_NAME in page.get_by_role("combobox", name="Cohort").input_value()
    _tab_to(page, r'tab "Pairs"')
    for _ in range(8):
        if page.get_by_role("tab", name="Change a pair", selected=True).count():
            break
        page.keyboard.press("ArrowRight")  # a tab opens as the arrow reaches it
        wait_for_app(page)
        assert _stop(page).startswith("- tab "), "the focus left the tabs as one opened"
    assert page.get_by_role("tab", name="Change a pair", selected=True).count()
    _tab_to(page, r'combobox "Pair"')
    _choose(page, "Pair", mentee)
    _tab_to(page, r'combobox "New mentor"')
    _choose(page, "New mentor", mentor)
    _tab_to(page, r'textbox "Reason \(optional\)"')
    page.keyboard.type("closer to home, by keyboard")
    _tab_to(page, r'button "Reassign"')
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_test_id("stMain").get_by_text(f"Reassigned {mentee} to {mentor}.").wait_for()

    # An import: the file chooser opens from the keyboard; the checked file imports on Enter.
    page.goto(base + "/upload")
    wait_for_app(page)
    _tab_to(page, r'combobox "What is in the file\?"')
    _choose(page, "What is in the file", "mentees")
    _tab_to(page, r'button "Upload"')
    report = tmp_path / "mentees.csv"
    report.write_bytes(b"Full Name;Email;Region\r\nAda Keys;ada.keys@example.org;Wales\r\n")
    wait_for_app(page)
    chooser = None
    for key in ("Enter", "Space", "Enter"):  # a button takes either key; a rerun may redraw it
        if not re.search(r'button "Upload"', _stop(page)):
            _tab_to(page, r'button "Upload"')
        try:
            with page.expect_file_chooser(timeout=10_000) as opened:
                page.keyboard.press(key)
            chooser = opened.value
            break
        except PlaywrightTimeout:
            continue
    assert chooser is not None, "the file chooser never opened from the keyboard"
    chooser.set_files(str(report))
    main = page.get_by_test_id("stMain")
    main.get_by_role("button", name="Import 1 new or changed row").wait_for(timeout=30_000)
    wait_for_app(page)
    _tab_to(page, r'button "Import 1 new or changed row')
    page.keyboard.press("Enter")
    main.get_by_text(re.compile(r"Imported mentees.csv as mentees: 1 new")).wait_for(
        timeout=30_000)

    copy = dbfiles.read_copy(dbfile)  # the running server holds the file
    con = duckdb.connect(str(copy), read_only=True)
    try:
        assert con.execute("""
            SELECT mp.full_name FROM pairs pr
            JOIN participants e ON e.id = pr.mentee_id JOIN people ep ON ep.id = e.person_id
            JOIN participants m ON m.id = pr.mentor_id JOIN people mp ON mp.id = m.person_id
            WHERE ep.full_name = ? AND pr.status = 'active'""", [mentee]).fetchall() == [(mentor,)]
        assert con.execute("""
            SELECT per.region, p.cohort_id FROM people per JOIN participants p
            ON p.person_id = per.id WHERE per.email = 'ada.keys@example.org'""").fetchall() == [
            ("Wales", "cohort-2")]
    finally:
        con.close()
        shutil.rmtree(copy.parent)


def test_a_trustee_signs_in_and_steps_through_the_presentation_by_keyboard_alone(
        private_server, page):
    base, _ = private_server
    page.set_viewport_size({"width": 1280, "height": 720})
    _sign_in_by_keyboard(page, base, "trustee")
    page.goto(base + "/outcomes?present=1")
    wait_for_app(page)
    screens = [page.get_by_role("combobox", name="Screen").input_value()]
    _tab_to(page, r'button "Next')
    # A bare "r" outside a text field does not rerun the page (Streamlit's own shortcut,
    # WCAG 2.1.4); the watch that proves it sees the rerun that Enter then makes.
    page.evaluate(WATCH_RERUNS)
    page.keyboard.press("r")
    page.wait_for_timeout(1500)
    assert not page.evaluate("window.caseReran"), "a bare 'r' reran the page"
    for _ in range(20):  # Next on the last screen goes round to the first
        page.keyboard.press("Enter")
        wait_for_app(page)
        assert page.evaluate("window.caseReran")
        now = page.get_by_role("combobox", name="Screen").input_value()
        if now == screens[0]:
            break
        assert now not in screens, f"{now} came twice before the round ended: {screens}"
        screens.append(now)
        if not re.search(r'button "Next', _stop(page)):  # a rerun may drop the focus
            _tab_to(page, r'button "Next')
    assert now == screens[0] and len(screens) >= 6, screens
    assert page.get_by_test_id("stSidebar").count() == 0 or not page.get_by_test_id(
        "stSidebar").is_visible()  # the projector shows the screens alone
