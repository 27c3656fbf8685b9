"""Streamlit glue of the Outcomes and Overview pages: presentation mode, charts with their data
as CSV, grant tiles, and the one-click board pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from casson import charts, exports, outcomes, report, settings
from ui import data, tables

PRESENT_KEY = "present"

# Our own static CSS only (no user data is ever interpolated into it).
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="stExpandSidebarButton"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 1.5rem 3rem 3rem 3rem !important; }
[data-testid="stMain"] h1 { font-size: 3.2rem !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.4rem !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stCaptionContainer"] { font-size: 1.5rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.8rem !important; }
[data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 4.5rem !important; line-height: 1.15 !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] p { font-size: 1.6rem !important; }
[data-testid="stWidgetLabel"] p { font-size: 1.1rem !important; }
</style>
"""


def presentation_mode() -> bool:
    """The presentation toggle, which also follows and sets `?present=1` in the URL."""
    from_url = st.query_params.get(PRESENT_KEY) == "1"
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = from_url
    on = st.toggle("Presentation mode", key=PRESENT_KEY,
                   help="Large type, wide charts, no sidebar and no personal data; one group per screen. "
                        "Link to it with ?present=1.")
    if on and not from_url:
        st.query_params[PRESENT_KEY] = "1"
    elif not on and from_url:
        del st.query_params[PRESENT_KEY]
    if on:
        st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
    return on


def _step(screens: tuple[str, ...], by: int) -> None:
    i = screens.index(st.session_state.get("screen", screens[0]))
    st.session_state["screen"] = screens[(i + by) % len(screens)]


def screen_picker(screens: tuple[str, ...]) -> str:
    """Presentation mode shows one group per screen: a picker with previous/next buttons."""
    pick, back, forward = st.columns([4, 1, 1], vertical_alignment="bottom")
    back.button("‹", key="screen-prev", help="Previous screen", on_click=_step, args=(screens, -1),
                width="stretch")
    forward.button("›", key="screen-next", help="Next screen", on_click=_step, args=(screens, 1),
                   width="stretch")
    with pick:
        return st.selectbox("Screen", screens, key="screen")


@dataclass(frozen=True)
class Chart:
    """A chart with the data behind it, and that data as CSV bytes (built once, then shared)."""

    frame: pd.DataFrame
    figure: go.Figure
    csv: bytes

    @classmethod
    def of(cls, frame: pd.DataFrame, figure: go.Figure) -> Chart:
        return cls(frame, figure, exports.csv_bytes(frame))


def chart(c: Chart, name: str, present: bool) -> None:
    """A chart, wide, with the data behind it as a CSV download."""
    # On the projector our own large fonts win over Streamlit's chart theme.
    fig = charts.projector(c.figure) if present else c.figure
    st.plotly_chart(fig, width="stretch", key=f"chart-{name}", config={"displaylogo": False},
                    theme=None if present else "streamlit")
    if not present:
        st.download_button("Data behind this chart (CSV)", c.csv,
                           file_name=f"{name}.csv", mime="text/csv", key=f"csv-{name}",
                           icon=":material/download:", on_click="ignore")


# Figures and CSVs of a cohort are kept as objects (cache_resource: no pickling copy) and
# shared read-only across sessions. The key includes a fingerprint of every cohort's counts,
# so a new import or survey upload shows at once.
@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=16)
def _cohort_bundle(cohort: str, db_key: str, fingerprint: tuple) -> dict[str, Chart]:
    k = outcomes.cohort_summary(data.read("outcomes_by_cohort"))[cohort]
    made = charts.cohort_figures(k, data.read("outcomes_responses", cohort=cohort),
                                 data.read("outcomes_participants", cohort=cohort))
    return {key: Chart.of(f.frame, f.figure) for key, f in made.items()}


@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=4)
def _pipeline_bundle(db_key: str, fingerprint: tuple) -> Chart:
    f = charts.pipeline_figure(outcomes.pipeline(data.read("outcomes_pipeline")))
    return Chart.of(f.frame, f.figure)


@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=32)
def _compare_bundle(a: str, b: str, db_key: str, fingerprint: tuple) -> Chart:
    f = charts.comparison_figure(outcomes.cohort_summary(data.read("outcomes_by_cohort")), a, b)
    return Chart.of(f.frame, f.figure)


def _fingerprint(by_cohort: pd.DataFrame) -> tuple:
    return tuple(map(tuple, by_cohort.astype(str).to_numpy()))


def cohort_charts(cohort: str, by_cohort: pd.DataFrame) -> dict[str, Chart]:
    """Each per-cohort chart: rates, positive, likert, themes, webinars."""
    return _cohort_bundle(cohort, data.db_file(), _fingerprint(by_cohort))


def pipeline_chart(by_cohort: pd.DataFrame) -> Chart:
    return _pipeline_bundle(data.db_file(), _fingerprint(by_cohort))


def compare_chart(a: str, b: str, by_cohort: pd.DataFrame) -> Chart:
    return _compare_bundle(a, b, data.db_file(), _fingerprint(by_cohort))


def clear_chart_caches() -> None:
    for fn in (_cohort_bundle, _pipeline_bundle, _compare_bundle):
        fn.clear()


def staff_table(df: pd.DataFrame, name: str) -> None:
    """A table staff may take away as CSV or XLSX (formula-safe)."""
    tables.show(df, key=f"table-{name}")
    c1, c2, _ = st.columns([1, 1, 3])
    # Files are built only when clicked: a 7,500-row workbook costs a second per render.
    c1.download_button("CSV", lambda: exports.csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                       key=f"table-csv-{name}", icon=":material/download:", on_click="ignore")
    c2.download_button("XLSX", lambda: exports.xlsx_bytes(df, sheet=name),
                       file_name=f"{name}.xlsx", key=f"table-xlsx-{name}",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def previous_kpis(cohort: str) -> dict[str, Any] | None:
    """The KPIs of the cohort that started just before `cohort` (None for the first)."""
    prev = outcomes.previous_cohort(data.read("outcomes_by_cohort"), cohort)
    return data.cohort_kpis(prev) if prev else None


def grants_summary(year: int | None = None) -> dict[str, Any]:
    year = year or date.today().year
    with data.cursor() as cur:
        budget = settings.grant_budget_gbp(cur)
    return outcomes.grants(data.read("outcomes_grants", year=year).iloc[0].to_dict(), budget, year)


def grant_tiles(g: dict[str, Any]) -> None:
    """Grants decided this year against the annual budget (aggregates only)."""
    st.subheader(f"Grants decided in {g['year']}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Awarded this year", outcomes.gbp(g["awarded_gbp"]))
    c1.caption(f"in {g['awards']} award{'' if g['awards'] == 1 else 's'}")
    c2.metric("Grants awarded", g["awards"])
    c2.caption(f"of {g['received']} bids received in {g['year']}")
    c3.metric("Success rate", "—" if g["success_rate"] is None else f"{g['success_rate']:.1f}%")
    c3.caption(f"n = {g['decisions']} decision{'' if g['decisions'] == 1 else 's'} (awarded or declined)")
    c4.metric("Annual budget used", "—" if g["budget_used_pct"] is None else f"{g['budget_used_pct']:.1f}%")
    c4.caption(f"of {outcomes.gbp(g['budget_gbp'])}; {outcomes.gbp(g['budget_left_gbp'])} left")


@st.cache_data(ttl=300, show_spinner=False, max_entries=8)
def _board_pack(cohort: str, db_key: str, day: date) -> bytes:
    with data.cursor() as cur:
        return report.build(cur, cohort, day, charts_required=False)


def board_pack_button(cohort: str) -> None:
    """One click: the PDF is built when the button is pressed (charts via kaleido)."""
    db_key, day = data.db_file(), date.today()
    st.download_button(
        "Board pack (PDF)", lambda: _board_pack(cohort, db_key, day),
        file_name=f"casson-board-pack-{cohort}-{day.isoformat()}.pdf", mime="application/pdf",
        key="board-pack", icon=":material/picture_as_pdf:", type="primary", on_click="ignore",
        help="KPI tiles as text, the main charts and a dated footer; aggregates only.",
    )
