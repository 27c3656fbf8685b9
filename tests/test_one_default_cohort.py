"""One default cohort on every page (issue 26): the current one (running, else the latest),
and the cohort a person chooses on one page is the one every other page opens on."""

import pytest
from conftest import signed_in_app

from ui import data

PICKERS = {
    "views/pairs.py": "pairs_cohort",
    "views/cohorts.py": "cohorts_cohort",
    "views/messages.py": "mail_cohort",
    "views/outcomes.py": "cohort",
    "views/upload.py": "upload_cohort",
    "views/overview.py": "cohort",
}


def opened_on(at) -> dict[str, str]:
    seen = {}
    for path, key in PICKERS.items():
        at.switch_page(path).run()
        assert not at.exception, (path, at.exception)
        seen[path] = at.selectbox(key=key).value
    return seen


@pytest.mark.parametrize(
    ("statuses", "current"),
    [
        ({}, "cohort-2"),  # the demo: cohort-2 is running
        ({"cohort-2": "closed", "pilot-2021": "running"}, "pilot-2021"),  # running beats latest
        ({"cohort-2": "closed", "pilot-2021": "closed"}, "cohort-2"),  # none running: the latest
    ],
)
def test_every_page_opens_on_the_current_cohort_and_keeps_the_choice(app_env, statuses, current):
    with data.cursor() as cur:
        for cohort, status in statuses.items():
            cur.execute("UPDATE cohorts SET status = ? WHERE id = ?", [status, cohort])
    at = signed_in_app("staff").run()
    assert set(opened_on(at).values()) == {current}
    other = "pilot-2021" if current == "cohort-2" else "cohort-2"
    at.switch_page("views/pairs.py").run()
    at.selectbox(key="pairs_cohort").select(other).run()
    assert set(opened_on(at).values()) == {other}  # moving between pages keeps it
