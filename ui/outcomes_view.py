"""Streamlit glue of the Outcomes and Overview pages: presentation mode, charts with their data
as CSV, grant tiles, and the one-click board pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from casson.outcomes import board_pack, charts, figures, kpis
from casson.platform import exports
from ui import data, present, safe, tables, widgets

# Presentation mode lives in ui/present.py (shared with the Overview and Grant bids).
presentation_mode = present.toggle
screen_picker = present.screen_picker
screen_area = present.screen_area


@dataclass(frozen=True)
class Chart:
    """A chart with the data behind it, and that data as CSV bytes (built once, then shared)."""

    frame: pd.DataFrame
    figure: go.Figure
    csv: bytes

    @classmethod
    def of(cls, frame: pd.DataFrame, figure: go.Figure) -> Chart:
        return cls(frame, figure, exports.csv_bytes(frame))


def chart(c: Chart, name: str, projector: bool) -> None:
    """A chart, wide, with the data behind it as a table (the accessible alternative) and CSV."""
    # On the projector our own large fonts win over Streamlit's chart theme.
    if projector:
        present.chart(c.figure, f"chart-{name}")
        return
    st.plotly_chart(c.figure, width="stretch", key=f"chart-{name}", config={"displaylogo": False})
    with st.expander("The data behind this chart, as a table", key=f"table-{name}",
                     on_change="rerun") as box:
        if widgets.is_open(box):  # lazy: a hidden table still costs every page switch
            tables.show(c.frame, key=f"data-{name}")
    st.download_button("Data behind this chart (CSV)", c.csv,
                       file_name=f"{name}.csv", mime="text/csv", key=f"csv-{name}",
                       icon=":material/download:", on_click="ignore")


# Figures and CSVs of a cohort are kept as objects (cache_resource: no pickling copy) and
# shared read-only across sessions. The key includes a fingerprint of every cohort's counts,
# so a new import or survey upload shows at once.
@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=16)
def _cohort_bundle(cohort: str, db_key: str, fingerprint: tuple) -> dict[str, Chart]:
    k = figures.cohort_summary(data.fetch(figures.by_cohort))[cohort]
    made = charts.cohort_figures(k, data.fetch(figures.responses, cohort=cohort),
                                 data.fetch(figures.participants, cohort=cohort))
    return {key: Chart.of(f.frame, f.figure) for key, f in made.items()}


@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=4)
def _pipeline_bundle(db_key: str, fingerprint: tuple) -> Chart:
    f = charts.pipeline_figure(data.fetch(figures.pipeline_frame))
    return Chart.of(f.frame, f.figure)


@st.cache_resource(ttl=data.QUERY_TTL_S, show_spinner=False, max_entries=32)
def _compare_bundle(a: str, b: str, db_key: str, fingerprint: tuple) -> Chart:
    by_cohort = data.fetch(figures.by_cohort)
    names = dict(zip(by_cohort["cohort"], by_cohort["name"], strict=True))
    f = charts.comparison_figure(figures.cohort_summary(by_cohort), a, b, names)
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
    c1.download_button("CSV", lambda: exports.csv_bytes(df), file_name=f"{name}.csv",
                       mime="text/csv",
                       key=f"table-csv-{name}", icon=":material/download:", on_click="ignore")
    c2.download_button("XLSX", lambda: exports.xlsx_bytes(df, sheet=name),
                       file_name=f"{name}.xlsx", key=f"table-xlsx-{name}",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", on_click="ignore")


def previous_kpis(cohort: str) -> dict[str, Any] | None:
    """The KPIs of the cohort that started just before `cohort` (None for the first)."""
    prev = figures.previous_cohort(data.fetch(figures.by_cohort), cohort)
    return data.cohort_kpis(prev) if prev else None


def grants_summary(year: int | None = None) -> dict[str, Any]:
    return data.fetch(figures.grants_for_year, year=year or date.today().year)


def grant_tiles(g: dict[str, Any]) -> None:
    """Grants decided this year against the annual budget (aggregates only)."""
    st.subheader(f"Grants decided in {g['year']}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Awarded this year", figures.gbp(g["awarded_gbp"]))
    c1.caption(f"in {g['awards']} award{'' if g['awards'] == 1 else 's'}")
    c2.metric("Grants awarded", g["awards"])
    c2.caption(f"of {g['received']} bids received in {g['year']}")
    c3.metric("Success rate", "—" if g["success_rate"] is None else f"{g['success_rate']:.1f}%")
    c3.caption(f"n = {g['decisions']} decision{'' if g['decisions'] == 1 else 's'} "
               "(awarded or declined)")
    c4.metric("Annual budget used",
              "—" if g["budget_used_pct"] is None else f"{g['budget_used_pct']:.1f}%")
    c4.caption(f"of {figures.gbp(g['budget_gbp'])}; {figures.gbp(g['budget_left_gbp'])} left")


@st.cache_data(ttl=300, show_spinner=False, max_entries=8)
def _board_pack(cohort: str, db_key: str, day: date) -> bytes:
    with data.cursor() as cur:
        return board_pack.build(cur, cohort, day, charts_required=False)


def board_pack_button(cohort: str) -> None:
    """One click: the PDF is built when the button is pressed (charts via kaleido)."""
    db_key, day = data.db_file(), date.today()
    st.download_button(
        "Board pack (PDF)", lambda: _board_pack(cohort, db_key, day),
        file_name=f"casson-board-pack-{cohort}-{day.isoformat()}.pdf", mime="application/pdf",
        key="board-pack", icon=":material/picture_as_pdf:", type="primary", on_click="ignore",
        help="KPI tiles as text, the main charts and a dated footer; aggregates only.",
    )


def kpi_tiles(cohort: str, groups: tuple[str, ...]) -> None:
    """The cohort's KPI tiles (the chosen groups) with changes against the previous cohort."""
    try:
        widgets.kpi_tiles(data.cohort_kpis(cohort), previous_kpis(cohort), groups)
    except kpis.UnknownCohort:
        st.error(f"Cohort {safe.text(cohort)} no longer exists.")


def programme_totals() -> dict[str, Any]:
    """Reach across every cohort: people, pairs formed, cohorts (no personal data)."""
    return data.fetch(figures.programme_totals)


def by_cohort() -> pd.DataFrame:
    """Every cohort's KPI counts, oldest first (kpis.counts)."""
    return data.fetch(figures.by_cohort)


def comparison_section(cohort: str, compare_to: str | None, ids: list[str],
                       by_cohort: pd.DataFrame, present: bool) -> None:
    """The cohort against another, the older first so the change reads as change over time."""
    st.header("Cohort against cohort")
    if compare_to is None:
        st.info("There is only one cohort so far.")
    else:
        # Older cohort first, so the delta reads as change over time.
        a, b = sorted((cohort, compare_to), key=ids.index)
        compared = compare_chart(a, b, by_cohort)
        cmp = compared.frame
        cmp = cmp.assign(delta=[
            None if d is None or d != d else f"{d:+.0f}" if u == "count" else f"{d:+.1f} pp"
            for d, u in zip(cmp["delta"], cmp["unit"], strict=True)])
        table = cmp[["label", "a_text", "b_text", "delta", "unit"]].rename(columns={
            "label": "Figure", "a_text": a, "b_text": b, "delta": f"Change ({b} − {a})",
            "unit": "Unit"})
        if present:
            # Large type on the projector: a plain table (CSS-sized), blanks as a dash.
            st.table(table.astype(object).where(table.notna(), tables.DASH).set_index("Figure"))
        else:
            tables.show(table, key="compare-table")
            chart(compared, f"compare-{a}-{b}", present)


def responses_section(cohort: str) -> None:
    """The responses with names, emails and comments (staff only, never on the projector)."""
    st.header("Responses (staff only)")
    st.caption("Names, emails and free-text comments: not shown to trustees or in presentation "
               "mode.")
    rows = data.fetch(figures.comments, cohort=cohort)
    if rows.empty:
        st.info(figures.NO_RESPONSES)
    else:
        role = st.selectbox("Role", ["all", "mentor", "mentee"], key="responses_role")
        with_comments = st.checkbox("Only responses with a comment",
                                    key="responses_with_comment")
        if role != "all":
            rows = rows[rows["role"] == role]
        if with_comments:
            rows = rows[rows["comments"].fillna("").str.strip() != ""]
        st.caption(f"{len(rows)} responses")
        staff_table(rows, f"responses-{cohort}")
