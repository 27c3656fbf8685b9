"""AppTest: the Outcomes page and the trustees' Overview — charts, tiles with n and deltas,
no personal data for trustees, presentation mode without the sidebar."""

from __future__ import annotations

import json

import pytest

from tests.conftest import open_tab, signed_in_app
from tests.support import each_tab

PAGE = "views/outcomes.py"
TABS = "outcomes_tab"  # views/outcomes.py TAB_KEY: only the open tab runs


def outcomes_page(role: str, present: bool = False):
    at = signed_in_app(role)
    at.session_state["cohort_choice"] = "pilot-2021"  # the surveyed cohort, not the current one
    at.run()
    at.switch_page(PAGE)
    if present:
        at.query_params["present"] = "1"
    return at.run()


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def everything_shown(at) -> str:
    """Every text, table cell and chart the page sent to the browser."""
    parts = [str(e.value) for e in [*at.markdown, *at.caption, *at.title, *at.header, *at.subheader,
                                    *at.info, *at.metric]]
    parts += [m.label for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [c.proto.spec for c in at.get("plotly_chart")]
    return "\n".join(parts)


def chart_titles(at) -> list[str]:
    return [c["layout"]["title"]["text"] for c in charts(at)]


def every_tab(at) -> dict[str, list]:
    """What each of the page's tabs shows, opened in turn: texts, charts, tables, downloads."""
    seen: dict[str, list] = {"shown": [], "charts": [], "dataframes": [], "downloads": []}
    for _ in each_tab(at):
        assert not at.exception, at.exception
        seen["shown"].append(everything_shown(at))
        seen["charts"] += charts(at)
        seen["dataframes"] += [df.value for df in at.dataframe]
        seen["downloads"] += [b.proto.label for b in at.get("download_button")]
    return seen


def test_trustee_sees_charts_and_tiles_with_n_but_no_names_emails_or_comments(app_env, con):
    at = outcomes_page("trustee")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Mentor response rate"] == "97.1%" and metrics["Would recommend"] == "100.0%"
    captions = [c.value for c in at.caption]
    assert "n = 33 of 34 mentors" in captions and "n = 49 of 54 mentees" in captions
    whole = every_tab(at)
    titles = [c["layout"]["title"]["text"] for c in whole["charts"]]
    for title in ("Survey response rate by role", "Agree or strongly agree",
                  "Answers by question and role",
                  "Mentee-to-mentor pipeline by cohort",
                  "Themes requested and benefits reported (mentees)"):
        assert title in titles
    rates = next(c for c in whole["charts"]
                 if c["layout"]["title"]["text"] == "Survey response rate by role")
    assert "97.1% (n = 33 of 34)" in rates["data"][0]["text"]

    shown = "\n".join(whole["shown"])
    assert "@example.org" not in shown
    names = [r[0] for r in con.execute("SELECT full_name FROM people").fetchall()]
    assert not [n for n in names if n in shown]
    comments = [r[0] for r in con.execute(
        "SELECT DISTINCT comments FROM survey_responses WHERE comments IS NOT NULL").fetchall()]
    assert comments and not [c for c in comments if c in shown]
    assert "Responses (staff only)" not in shown
    assert not any("comments" in df.columns for df in whole["dataframes"])


def test_every_chart_has_its_data_as_csv(app_env):
    whole = every_tab(outcomes_page("trustee"))
    buttons = [label for label in whole["downloads"] if label == "Data behind this chart (CSV)"]
    assert len(buttons) == len(whole["charts"]) >= 5


def test_staff_see_comments_and_can_export_the_filtered_table(app_env):
    at = open_tab(outcomes_page("staff"), TABS, "Responses")
    assert not at.exception
    table = next(df.value for df in at.dataframe if "comments" in df.value.columns)
    assert len(table) == 82 and table["email"].str.endswith("@example.org").all()
    at.selectbox(key="responses_role").select("mentor").run()
    table = next(df.value for df in at.dataframe if "comments" in df.value.columns)
    assert len(table) == 33 and set(table["role"]) == {"mentor"}
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"CSV", "XLSX"} <= labels


def test_presentation_mode_from_the_url_hides_the_sidebar_and_personal_data(app_env):
    at = outcomes_page("staff", present=True)  # even staff: nothing personal on a projector
    assert not at.exception
    assert at.toggle(key="present").value is True
    css = [m.value for m in at.markdown if "<style>" in m.value]
    assert css and 'data-testid="stSidebar"' in css[0] and "display: none" in css[0]
    # the page puts nothing in the sidebar
    assert not at.sidebar.selectbox and not at.sidebar.dataframe
    assert not at.dataframe and "@example.org" not in everything_shown(at)
    assert not [b for b in at.get("download_button")]
    # One group per screen: the headline tiles first, then the next screen on "›".
    assert [h.value for h in at.header] == ["Headline figures"]
    assert {m.label for m in at.metric} == {"Mentors", "Mentees", "Pairs formed",
                                            "Mentees willing to mentor"}
    at.button(key="screen-next").click().run()
    assert at.selectbox(key="screen").value == "Survey response"
    assert {m.label for m in at.metric} == {"Mentor response rate", "Mentee response rate"}
    assert chart_titles(at) == ["Survey response rate by role"]
    assert charts(at)[0]["layout"]["font"]["size"] >= 24  # large type


def test_the_presentation_toggle_sets_the_url_and_turns_back_off(app_env):
    at = outcomes_page("trustee")
    assert at.main.selectbox(key="cohort").value == "pilot-2021"  # one picker, top of the page
    assert not [m for m in at.markdown if "<style>" in m.value]
    at.toggle(key="present").set_value(True).run()
    assert at.query_params.get("present") in ("1", ["1"])
    assert [m for m in at.markdown if "<style>" in m.value] and not at.sidebar.selectbox
    at.toggle(key="present").set_value(False).run()
    assert "present" not in at.query_params
    assert not [m for m in at.markdown if "<style>" in m.value]


def test_a_cohort_without_survey_says_no_responses_yet(app_env):
    at = outcomes_page("trustee")
    at.selectbox(key="cohort").select("cohort-2").run()
    assert not at.exception
    assert any("No survey responses yet" in i.value for i in at.info)
    metrics = {m.label: m for m in at.metric}
    assert metrics["Mentees"].value == "70" and metrics["Mentee response rate"].value == "—"
    assert "Would recommend" not in metrics
    # cohort-2 started after the pilot: its tiles show the change against it.
    assert metrics["Mentees"].delta == "16"


@pytest.mark.parametrize("role", ["trustee", "staff"])
def test_overview_shows_deltas_to_the_previous_cohort_and_grants(app_env, role):
    at = signed_in_app(role).run()
    at.selectbox(key="cohort").select("cohort-2").run()
    assert not at.exception
    metrics = {m.label: m for m in at.metric}
    assert metrics["Mentees"].value == "70" and metrics["Mentees"].delta == "16"
    assert metrics["Pairs formed"].delta == "-2"
    assert any("previous cohort, pilot-2021" in c.value for c in at.caption)
    assert {"Awarded this year", "Grants awarded", "Success rate",
            "Annual budget used"} <= set(metrics)
    assert any(c.value.startswith("of £50,000") for c in at.caption)
    assert {"People reached", "Pairs formed to date", "Cohorts"} <= set(metrics)


def test_cohort_against_cohort_table_on_the_page(app_env):
    at = open_tab(outcomes_page("trustee"), TABS, "Cohort against cohort")
    table = next(df.value for df in at.dataframe if "Figure" in df.value.columns)
    row = table.set_index("Figure").loc["Mentees"]
    assert row["pilot-2021"] == "54" and row["cohort-2"] == "70"
    assert "Pilot (March–June 2021) against Cohort 2 (2021-22)" in chart_titles(at)


def test_a_group_under_five_respondents_is_suppressed_on_the_page(app_env, con):
    from tests.test_outcomes import _add_cohort

    # 3 mentors and 6 mentees answered: the mentors' own figures are suppressed.
    _add_cohort(con, "small-n", "2030-01-01", 4, 8,
                [("mentor", 5, None, None, None, None)] * 3 + [("mentee", 4, 4, 4, 4, True)] * 6)
    con.execute("CHECKPOINT")
    at = outcomes_page("staff")
    at.selectbox(key="cohort").select("small-n").run()
    assert not at.exception
    assert any("fewer than 5 respondents" in c.value for c in at.caption)
    positive = next(c for c in charts(at)
                    if c["layout"]["title"]["text"] == "Agree or strongly agree")
    mentors = next(t for t in positive["data"] if t["name"] == "Mentors")
    assert mentors["text"] == ["suppressed: n = 3, fewer than 5 respondents"]
    mentees = next(t for t in positive["data"] if t["name"] == "Mentees")
    assert "100.0% (n = 6)" in mentees["text"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Would recommend"] == "100.0%"  # 9 respondents in all
