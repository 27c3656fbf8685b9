"""A staff user filters the pairs, reassigns a mentee, and sees the change after a reload."""

import duckdb
import pytest
from conftest import sign_in, wait_for_app

from casson import demo

pytestmark = pytest.mark.browser

COHORT, COHORT_NAME = "cohort-2", "Cohort 2 (2021-22)"
PAIRED = demo.COHORT_TWO["paired"]


def _plan(template):
    """From the demo data: the first active pair of cohort-2 and another mentor with a place."""
    con = duckdb.connect(str(template), read_only=True)
    try:
        mentee, old_mentor, old_id = con.execute("""
            SELECT ep.full_name, mp.full_name, pr.mentor_id FROM pairs pr
            JOIN participants e ON e.id = pr.mentee_id JOIN people ep ON ep.id = e.person_id
            JOIN participants m ON m.id = pr.mentor_id JOIN people mp ON mp.id = m.person_id
            WHERE pr.cohort_id = ? AND pr.status = 'active' ORDER BY ep.full_name LIMIT 1""",
                                                 [COHORT]).fetchone()
        new_mentor = con.execute("""
            SELECT per.full_name FROM participants p JOIN people per ON per.id = p.person_id
            LEFT JOIN pairs x ON x.mentor_id = p.id AND x.status IN ('proposed', 'active')
            WHERE p.cohort_id = ? AND p.role = 'mentor' AND p.id <> ?
            GROUP BY per.full_name, p.capacity HAVING count(x.id) < p.capacity
            ORDER BY per.full_name LIMIT 1""", [COHORT, old_id]).fetchone()[0]
    finally:
        con.close()
    return mentee, old_mentor, new_mentor


def _choose(page, label: str, text: str) -> None:
    """Pick an option of a Streamlit select box by typing part of it."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator("label").get_by_text(label, exact=True)).first
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    wait_for_app(page)


def _open_cohort(page, base: str) -> None:
    page.goto(base + "/pairs")
    wait_for_app(page)
    _choose(page, "Cohort", COHORT_NAME)


def test_staff_filters_reassigns_and_sees_the_change_after_a_reload(private_server, page,
                                                                      demo_db_template):
    base, _ = private_server
    mentee, old_mentor, new_mentor = _plan(demo_db_template)
    sign_in(page, base, "staff")
    _open_cohort(page, base)
    caption = page.get_by_text(f"Showing {PAIRED} of {PAIRED} pairs")
    caption.wait_for()

    # Filtering applies as the user types.
    page.get_by_label("Search names and emails").fill(mentee)
    page.get_by_label("Search names and emails").press("Enter")
    wait_for_app(page)
    page.get_by_text(f"Showing 1 of {PAIRED} pairs").wait_for()

    # Reassign the mentee through the form.
    page.get_by_role("tab", name="Change a pair").click()
    form = page.locator('[data-testid="stForm"]').filter(has_text="Reassign a mentee").first
    form.wait_for()  # the tab draws its forms only once its run has begun: then let it finish
    wait_for_app(page)
    form.locator('[data-testid="stSelectbox"]').nth(0).click()
    page.keyboard.type(mentee)
    page.get_by_role("option").filter(has_text=f"{mentee} — with {old_mentor}").first.click()
    form.locator('[data-testid="stSelectbox"]').nth(1).click()
    page.keyboard.type(new_mentor)
    page.get_by_role("option").filter(has_text=new_mentor).first.click()
    form.get_by_label("Reason (optional)").fill("closer to home")
    form.get_by_role("button", name="Reassign").click()
    wait_for_app(page)
    # a saved note shows twice: at the top of the page and as a toast
    page.get_by_text(f"Reassigned {mentee} to {new_mentor}.").first.wait_for()
    page.screenshot(path=str(_shot("pairs_reassigned.png")), full_page=True)

    # After a reload the pair is still with the new mentor (the mentor filter finds it).
    page.reload()
    wait_for_app(page)
    _open_cohort(page, base)
    _choose(page, "Mentor", new_mentor)
    page.get_by_label("Search names and emails").fill(mentee)
    page.get_by_label("Search names and emails").press("Enter")
    wait_for_app(page)
    page.get_by_text(f"Showing 1 of {PAIRED} pairs").wait_for()
    _choose(page, "Mentor", old_mentor)
    page.get_by_text(f"Showing 0 of {PAIRED} pairs").wait_for()


def _shot(name: str):
    from pathlib import Path
    folder = Path(__file__).resolve().parent.parent / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / name
