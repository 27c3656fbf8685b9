"""The board pack reads as people talk (issue 26): "no responses" rather than empty axes,
cohort names rather than ids, one decimal on every percentage, and a note on why "pairs
formed" and the Cohorts page's "matched" differ."""

import re
import subprocess
from datetime import date

from casson.mentoring import cohorts, health
from casson.outcomes import board_pack, charts, figures, kpis


def pdf_text(path):
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def test_the_response_rate_chart_without_responses_says_so(con):
    made = charts.cohort_figures(
        kpis.cohort_kpis(con, "cohort-2"),
        figures.responses(con, "cohort-2"),
        figures.participants(con, "cohort-2"),
    )
    rates = made["rates"].figure
    assert [a.text for a in rates.layout.annotations] == [figures.NO_RESPONSES]
    assert not [t for t in rates.data if t.type == "bar"]  # no empty axes that read as 0%


def test_the_pipeline_and_the_comparison_name_cohorts_not_ids(con):
    pipe = charts.pipeline_figure(figures.pipeline_frame(con)).figure
    assert [x.replace("<br>", " ") for x in pipe.data[0].x] == [
        "Pilot (March–June 2021)",
        "Cohort 2 (2021-22)",
    ]
    by_cohort = figures.by_cohort(con)
    names = dict(zip(by_cohort["cohort"], by_cohort["name"], strict=True))
    compared = charts.comparison_figure(
        figures.cohort_summary(by_cohort), "pilot-2021", "cohort-2", names
    ).figure
    assert [t.name for t in compared.data] == ["Pilot (March–June 2021)", "Cohort 2 (2021-22)"]
    assert "cohort-2" not in compared.layout.title.text


def test_every_health_percentage_has_one_decimal():
    def fig(value):
        return health.Figure("fit_unsure", "Check-in fit: unsure", value, 61, "%", False)

    assert fig(18).text() == "18.0% (n = 61)"
    assert fig(80.33).text() == "80.3% (n = 61)"


def test_the_pack_explains_pairs_formed_against_matched_in_names(con, tmp_path):
    out = board_pack.write(con, "cohort-2", tmp_path / "c2.pdf", today=date(2026, 1, 31))
    text = pdf_text(out)
    assert "Pairs formed 52" in text and "Pairs formed to date" in text
    assert " ".join(cohorts.MATCHED_VS_FORMED.split()[:12]) in text
    assert "Change vs Pilot" in text and "(March–June 2021)" in text  # a wrapped heading
    assert re.search(r"Check-in fit: unsure \d+\.\d% \(n = \d+\)", text)
    assert "cohort-2" not in text and "pilot-2021" not in text  # names, never ids
