"""The trustees' board pack: one cohort's KPI tiles as text, the main charts as images, and a
dated footer, as a PDF (fpdf2). Charts are rendered by kaleido with the system chromium.

No personal data goes in: only the aggregate queries of casson.outcomes.figures are read.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
from fpdf import FPDF

from casson.mentoring import cohorts, health, interest
from casson.outcomes import charts, figures, kpis
from casson.platform import queries

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# 800 px across the 180 mm text width: 14 px type prints at about 9 pt, readable on paper.
CHART_WIDTH_PX, CHART_SCALE = 800, 2


class ChartRenderError(RuntimeError):
    """kaleido could not render the charts (no chromium, or it failed to start)."""


@dataclass
class Pack:
    """Everything the board pack shows, gathered before any drawing."""

    cohort: str
    cohort_name: str
    kpis: dict[str, Any]
    previous: str | None
    previous_kpis: dict[str, Any] | None
    totals: dict[str, Any]
    grants: dict[str, Any]
    figures: list[tuple[str, go.Figure]]
    today: date
    health: list[health.Figure] = field(default_factory=list)
    # interest.mentor_funnel: willing → invited → mentoring
    funnel: list[dict[str, Any]] | None = None
    previous_name: str | None = None


def gather(con: duckdb.DuckDBPyConnection, cohort: str, today: date | None = None) -> Pack:
    """The board pack's figures for one cohort (raises kpis.UnknownCohort)."""
    today = today or date.today()
    k = kpis.cohort_kpis(con, cohort)
    by_cohort = figures.by_cohort(con)
    summary = figures.cohort_summary(by_cohort)
    previous = figures.previous_cohort(by_cohort, cohort)
    name = by_cohort.set_index("cohort").loc[cohort, "name"]
    made = charts.cohort_figures(k, figures.responses(con, cohort),
                                 figures.participants(con, cohort))
    chosen = [made["rates"], made["positive"], charts.pipeline_figure(figures.pipeline_frame(con))]
    if previous:
        names = dict(zip(by_cohort["cohort"], by_cohort["name"], strict=True))
        chosen.append(charts.comparison_figure(summary, previous, cohort, names))
    images = [(f.title, f.figure) for f in chosen]
    return Pack(
        cohort=cohort, cohort_name=str(name), kpis=k, previous=previous,
        previous_kpis=summary.get(previous) if previous else None,
        totals=queries.one(con, "outcomes/programme_totals") or {},
        grants=figures.grants_for_year(con, today.year),
        figures=images, today=today, health=health.figures(con, cohort, today),
        funnel=interest.mentor_funnel(con).to_dict("records"),
        previous_name=str(by_cohort.set_index("cohort").loc[previous, "name"]) if previous
        else None,
    )


# Nothing is fetched from outside to draw a chart: plotly.js comes from the plotly package's
# own file, MathJax (kaleido's default loads it from cdnjs) is off, as no chart uses LaTeX, and
# chromium is pointed at a proxy that is not there (the discard port on loopback), so its own
# background fetches (Google's update, sign-in and safe-browsing hosts) go nowhere. With a
# fixed proxy chromium resolves no host names itself. tests/test_board_pack_offline.py
# puts a recording proxy there and a trap on DNS lookups.
CHROMIUM_PROXY = "http://127.0.0.1:9"


async def _render_all(figures: list[go.Figure]) -> list[bytes]:
    import kaleido

    images = []
    # One browser for every chart: starting chromium is the slow part.
    async with kaleido.Kaleido(n=1, mathjax=False, proxy_server=CHROMIUM_PROXY) as k:
        for fig in figures:
            height = int(fig.layout.height or 400)
            images.append(await k.calc_fig(fig, opts={"format": "png", "width": CHART_WIDTH_PX,
                                                      "height": height, "scale": CHART_SCALE}))
    return images


def render_png(figures: list[go.Figure]) -> list[bytes]:
    """PNG bytes of each figure. kaleido finds /usr/bin/chromium itself; nothing is downloaded."""
    try:
        # A thread of its own, so that a caller already inside an event loop is not disturbed.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, _render_all(figures)).result()
    except Exception as exc:  # kaleido raises a variety of errors when chromium is unusable
        raise ChartRenderError("Could not render the charts with kaleido and "
                               f"chromium: {exc}") from exc


class _PDF(FPDF):
    footer_text = ""
    font_name = "helvetica"

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.font_name, size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, f"{self.footer_text} · page {self.page_no()} of {{nb}}", align="C")


def _new_pdf(footer: str) -> _PDF:
    pdf = _PDF(orientation="portrait", unit="mm", format="A4")
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        pdf.add_font("dejavu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("dejavu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.font_name = "dejavu"
    pdf.footer_text = footer
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title("Casson board pack")
    pdf.set_author("Elizabeth Casson Trust")
    return pdf


def _text(pdf: _PDF, s: str) -> str:
    if pdf.font_name == "helvetica":  # core fonts are Latin-1 only
        return s.replace("–", "-").replace("—", "-").replace("…", "...").replace("·", "-").encode(
            "latin-1", "replace").decode("latin-1")
    return s


def _delta_text(pack: Pack, key: str, kind: str, basis: str | None) -> str:
    d = figures.delta(pack.kpis, pack.previous_kpis, key, kind, basis)
    if d is None:
        return ""
    unit = "" if kind == "count" else " pp"
    return f"{d:+g}{unit}"


def draw(pack: Pack, images: list[bytes], chart_note: str = "") -> bytes:
    """The PDF bytes of a gathered pack with its rendered chart images (none, with chart_note
    saying why, when the charts could not be drawn)."""
    footer = (f"Elizabeth Casson Trust · Casson Dashboard board pack · {pack.cohort_name} · "
              f"generated {pack.today.strftime('%d %B %Y')}")
    pdf = _new_pdf(footer)
    pdf.footer_text = _text(pdf, footer)
    t = lambda s: _text(pdf, s)  # noqa: E731
    pdf.add_page()
    pdf.set_font(pdf.font_name, "B", 18)
    pdf.multi_cell(0, 9, t("Mentoring programme board pack"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 12)
    pdf.multi_cell(0, 7, t(pack.cohort_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 9)
    pdf.multi_cell(0, 5, t("Aggregates only; no personal data. Positive = agree or strongly agree; "
                           f"percentages over fewer than {figures.SMALL_N} respondents "
                           "are suppressed."),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    _key_figures(pdf, pack, t)
    _programme_and_grants(pdf, pack, t)
    _health_and_loop(pdf, pack, t)

    if not images:
        pdf.ln(4)
        pdf.set_font(pdf.font_name, "B", 10)
        pdf.multi_cell(0, 6, t(chart_note or "No charts."), new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
    width_mm = pdf.epw
    for (title, fig), png in zip(pack.figures, images, strict=True):
        height_mm = width_mm * int(fig.layout.height or 400) / CHART_WIDTH_PX
        if pdf.get_y() + height_mm + 6 > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.ln(4)
        pdf.image(io.BytesIO(png), w=width_mm, h=height_mm, alt_text=title)
    return bytes(pdf.output())


def _key_figures(pdf: _PDF, pack: Pack, t: Callable[[str], str]) -> None:
    """The KPI table with the change against the previous cohort."""
    pdf.set_font(pdf.font_name, "B", 13)
    pdf.cell(0, 8, t("Key figures"), new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(70, 60, 50), text_align=("LEFT", "LEFT", "LEFT"),
                   first_row_as_headings=True, line_height=6.5) as table:
        pdf.set_font(pdf.font_name, "", 10)
        versus = pack.previous_name or pack.previous
        table.row([t("Figure"), t("Value (n)"),
                   t(f"Change vs {versus}" if pack.previous else "Change (first cohort)")])
        for key, label, kind, basis in figures.KPI_ROWS:
            table.row([t(label), t(figures.kpi_text(pack.kpis, key, kind, basis)),
                       t(_delta_text(pack, key, kind, basis))])
    pdf.set_font(pdf.font_name, "", 8)
    pdf.multi_cell(0, 4.5, t(cohorts.MATCHED_VS_FORMED), new_x="LMARGIN", new_y="NEXT")
    if not figures.surveyed(pack.kpis):
        pdf.ln(2)
        pdf.set_font(pdf.font_name, "B", 10)
        pdf.cell(0, 6, t(figures.NO_RESPONSES), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _programme_and_grants(pdf: _PDF, pack: Pack, t: Callable[[str], str]) -> None:
    """Programme totals and the year's grants."""
    pdf.set_font(pdf.font_name, "B", 13)
    pdf.cell(0, 8, t("Programme to date and grants"), new_x="LMARGIN", new_y="NEXT")
    g = pack.grants
    rate = "no decisions" if g["success_rate"] is None else f"{g['success_rate']:.1f}%"
    used = "" if g["budget_used_pct"] is None else f" ({g['budget_used_pct']:.1f}% of the budget)"
    lines = [
        ("People reached", str(pack.totals.get("people_reached", ""))),
        ("Pairs formed to date", str(pack.totals.get("pairs", ""))),
        ("Cohorts", str(pack.totals.get("cohorts", ""))),
        (f"Grants awarded in {g['year']}", f"{figures.gbp(g['awarded_gbp'])} in {g['awards']} "
                                           f"award{'' if g['awards'] == 1 else 's'}{used}"),
        (f"Grant success rate {g['year']}",
         f"{rate} (n = {g['decisions']} decision{'' if g['decisions'] == 1 else 's'})"),
        ("Annual grant budget",
         f"{figures.gbp(g['budget_gbp'])}, {figures.gbp(g['budget_left_gbp'])} left"),
    ]
    with pdf.table(col_widths=(70, 110), text_align=("LEFT", "LEFT"), first_row_as_headings=False,
                   line_height=6.5) as table:
        pdf.set_font(pdf.font_name, "", 10)
        for label, value in lines:
            table.row([t(label), t(value)])


def _health_and_loop(pdf: _PDF, pack: Pack, t: Callable[[str], str]) -> None:
    """Programme health and the mentee-to-mentor loop, when there are any."""
    if pack.health:
        pdf.ln(4)
        pdf.set_font(pdf.font_name, "B", 13)
        pdf.cell(0, 8, t("Programme health"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.font_name, "", 9)
        pdf.multi_cell(0, 5, t(f"How pairs are meeting and how check-ins rate the fit, on "
                               f"{pack.today.strftime('%d %B %Y')}; a group under "
                               f"{health.MIN_GROUP} is suppressed."), new_x="LMARGIN",
                       new_y="NEXT")
        with pdf.table(col_widths=(90, 90), text_align=("LEFT", "LEFT"),
                       first_row_as_headings=False, line_height=6.5) as table:
            pdf.set_font(pdf.font_name, "", 10)
            for fig in pack.health:
                table.row([t(fig.label), t(fig.text())])
    if pack.funnel:  # the mentee-to-mentor loop, by cohort of mentees (counts only)
        pdf.ln(4)
        pdf.set_font(pdf.font_name, "B", 13)
        pdf.cell(0, 8, t("The loop: willing → invited → mentoring"), new_x="LMARGIN", new_y="NEXT")
        with pdf.table(col_widths=(75, 35, 35, 35), first_row_as_headings=True,
                       line_height=6.5) as table:
            pdf.set_font(pdf.font_name, "", 10)
            table.row([t("Mentees of"), t("Willing"), t("Invited"), t("Mentoring")])
            for f in pack.funnel:
                table.row([t(str(f["name"])), str(f["willing"]), str(f["invited"]),
                           str(f["mentored_later"])])


def build(con: duckdb.DuckDBPyConnection, cohort: str, today: date | None = None,
          charts_required: bool = True) -> bytes:
    """The board pack of one cohort as PDF bytes.

    When chromium cannot draw the charts, raise ChartRenderError (charts_required, the CLI) or
    still give the figures as text with a note saying the charts are missing (the page button).
    """
    pack = gather(con, cohort, today)
    try:
        images = render_png([fig for _, fig in pack.figures])
    except ChartRenderError as exc:
        if charts_required:
            raise
        return draw(pack, [], f"The charts could not be drawn this time ({exc}); "
                              "the figures above are complete.")
    return draw(pack, images)


def write(con: duckdb.DuckDBPyConnection, cohort: str, out: Path,
          today: date | None = None) -> Path:
    """Build the board pack and write it to `out` (replacing it only once it is complete)."""
    data = build(con, cohort, today)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out
