"""axe-core on every page for each role, in a real browser: no violation of any impact under
the WCAG 2.0, 2.1 and 2.2 A and AA rules (axe's tags wcag2a, wcag2aa, wcag21a, wcag21aa,
wcag22aa: target size among them). Also: the table toolbar offers no raw "Download as CSV"
(its export skips the formula guard).

axe-core comes from the npm registry through package.json (`make test` runs npm install);
nothing is fetched while the tests run.
"""

from __future__ import annotations

import pytest

from casson.platform import access
from tests.conftest import ROOT, sign_in, wait_for_app

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                     resultTypes: ["violations"]});
  return r.violations
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3)
                  .map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""


def _settle(page) -> None:
    wait_for_app(page)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
        .every(c => c.querySelector('svg.main-svg'))""", timeout=30_000)


def _scan(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


@pytest.fixture(scope="module")
def axe_file() -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm install, package.json).")


# The admin's pages are scanned below, with every tab and expander open.
@pytest.mark.parametrize("role", ["staff", "trustee", "reviewer"])
def test_every_page_has_no_wcag_22_aa_violation(page, live_server, role, axe_file):
    found: list[str] = []
    page.goto(f"{live_server}/")
    _settle(page)
    found += [f"sign-in: {v}" for v in _scan(page)]
    sign_in(page, live_server, role)
    for spec in access.pages_for(role):
        page.goto(f"{live_server}/{spec.key}")
        _settle(page)
        found += [f"{role}/{spec.key}: {v}" for v in _scan(page)]
    assert not found, "\n".join(map(str, found))


def test_every_lazy_tab_and_expander_has_no_wcag_22_aa_violation(
        page, live_server, axe_file):
    """Tabs and expanders draw only when opened, so the scan above sees the first tab of each
    page with its expanders closed. The admin (every page staff have, and more) opens every tab
    and, on each, every expander."""
    found: list[str] = []
    opened = expanded = 0
    sign_in(page, live_server, "admin")
    for spec in access.pages_for("admin"):
        page.goto(f"{live_server}/{spec.key}")
        _settle(page)
        main = page.get_by_test_id("stMain")
        for n in range(max(1, main.get_by_role("tab").count())):  # a page without tabs: once
            name = "page"
            if main.get_by_role("tab").count():
                tab = main.get_by_role("tab").nth(n)
                name = tab.inner_text()
                tab.click()
                _settle(page)
            closed = main.locator('[data-testid="stExpander"] details:not([open]) > summary')
            for _ in range(12):  # each click reruns the page: take the first closed one again
                if not closed.count():
                    break
                closed.first.click()
                _settle(page)
                expanded += 1
            opened += 1
            found += [f"admin/{spec.key} [{name}]: {v}" for v in _scan(page)]
    assert opened >= 35 and expanded >= 20, (f"only {opened} tabs and {expanded} expanders "
                                             "were opened")
    assert not found, "\n".join(map(str, found))


def test_the_table_toolbar_has_no_raw_csv_download(page, live_server):
    sign_in(page, live_server, "staff")
    page.goto(f"{live_server}/people")
    _settle(page)
    table = page.get_by_test_id("stDataFrame").first
    table.hover()
    toolbar = page.get_by_test_id("stElementToolbar")
    toolbar.first.wait_for(state="attached", timeout=10_000)
    assert page.get_by_role("button", name="Download as CSV").count() == 0
    # the app's own formula-safe download is there instead
    assert page.get_by_role("button", name="Download this table").count() >= 1
