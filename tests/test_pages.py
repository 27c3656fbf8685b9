"""AppTest: every page renders for every role that may open it; guards refuse the rest."""

import pytest

from casson import demo
from casson.platform import access
from tests.conftest import signed_in_app

ROLES = ("admin", "staff", "trustee")
ROLE_PAGES = [(role, spec.key) for role in ROLES for spec in access.pages_for(role)]


def _texts(at):
    return " ".join(str(m.value) for m in [*at.markdown, *at.caption, *at.title, *at.subheader,
                                           *at.error, *at.info])


@pytest.mark.parametrize("role,page", ROLE_PAGES)
def test_page_renders_for_role_without_exception(app_env, role, page):
    at = signed_in_app(role)
    at.run()
    at.switch_page(access.page(page).path).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("role", ROLES)
def test_overview_shows_the_pilot_kpis_to_every_role(app_env, role):
    at = signed_in_app(role)
    at.session_state["cohort_choice"] = "pilot-2021"  # the default is the current cohort
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Mentors"] == "34" and metrics["Mentees"] == "54"
            and metrics["Pairs formed"] == "54")
    assert metrics["Mentor response rate"] == "97.1%" and metrics["Mentee response rate"] == "90.7%"
    assert metrics["Would recommend"] == "100.0%" and metrics["Mentees willing to mentor"] == "41"
    captions = [c.value for c in at.caption]
    assert "n = 33 of 34 mentors" in captions and "n = 49 of 54 mentees" in captions


def test_overview_of_a_cohort_without_survey_says_so(app_env):
    at = signed_in_app("trustee").run()
    at.selectbox(key="cohort").select("cohort-2").run()
    assert any("No survey responses yet" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric}["Mentees"] == "70"


@pytest.mark.parametrize("page", [p.key for p in access.PAGES if "trustee" not in p.roles])
def test_trustee_is_refused_staff_pages_on_the_server(app_env, page):
    # Running the page file directly bypasses navigation: the page's own guard must refuse.
    at = signed_in_app("trustee", access.page(page).path).run()
    assert any("not available to your role" in e.value for e in at.error)
    assert not at.dataframe
    assert "@example.org" not in _texts(at)


def test_staff_are_refused_the_admin_page(app_env):
    at = signed_in_app("staff", access.page("accounts").path).run()
    assert any("not available to your role" in e.value for e in at.error)


def test_anonymous_run_of_a_page_file_is_refused(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "views/people.py"), default_timeout=60).run()
    assert any("Please sign in" in e.value for e in at.error)
    assert not at.dataframe


def test_anonymous_visitor_gets_only_the_sign_in_form(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert not at.metric and not at.dataframe


def test_an_account_removed_from_the_file_loses_access_at_once(app_env, accounts_file):
    import yaml

    at = signed_in_app("staff").run()
    assert at.metric
    cfg = yaml.safe_load(accounts_file.read_text())
    del cfg["credentials"]["usernames"]["staff"]
    accounts_file.write_text(yaml.safe_dump(cfg))
    at.run()  # the open page re-runs: the app reads the file again and shows the sign-in form
    assert not at.metric
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    fresh = signed_in_app("staff").run()  # the app itself signs the session out
    assert not fresh.metric and not fresh.session_state["authentication_status"]
    assert [t.label for t in fresh.text_input] == ["Username", "Password"]


def test_people_search_filters_rows(app_env):
    at = signed_in_app("staff").run()
    at.switch_page("views/people.py").run()
    at.selectbox(key="cohort").select("cohort-2").run()
    total = len(at.dataframe[0].value)
    first_email = at.dataframe[0].value["email"].iloc[0]
    at.text_input(key="people_search").input(first_email).run()
    shown = at.dataframe[0].value
    assert (total == demo.COHORT_TWO_PARTICIPANTS and len(shown) == 1
            and shown["email"].iloc[0] == first_email)


def test_admin_adds_an_account_and_it_is_audited(app_env, accounts_file):
    import yaml

    at = signed_in_app("admin").run()
    at.switch_page("views/accounts.py").run()
    at.text_input(key="acc_add_username").input("newcoord")
    at.text_input(key="acc_add_name").input("New Coordinator")
    at.text_input(key="acc_add_password").input("a long password")
    next(b for b in at.button if b.label == "Add account").click().run()
    assert not at.exception
    users = yaml.safe_load(accounts_file.read_text())["credentials"]["usernames"]
    assert users["newcoord"]["roles"] == ["staff"]
    audit = at.dataframe[-1].value
    assert (audit["action"] == "account.add").any() and (audit["record"] == "newcoord").any()
