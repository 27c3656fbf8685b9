"""The board pack's charts are legible at print size: whole labels (wrapped, never cut), margins
that grow to fit them, and whole-number ticks on count axes."""

from __future__ import annotations

from datetime import date

import pytest

from casson.outcomes import board_pack, charts, figures

FULL_LABELS = set(figures.SHORT_LABELS.values()) | {label for _, label, _, _ in figures.KPI_ROWS}


def _categories(trace: dict) -> list[str]:
    axis = "y" if trace.get("orientation") == "h" else "x"
    return [str(v) for v in trace.get(axis) or []]


@pytest.fixture
def pack(con):
    return board_pack.gather(con, "pilot-2021", date(2026, 12, 1))


def test_every_category_label_in_the_pack_is_whole_and_wrapped_to_fit(pack, con):
    seen: set[str] = set()
    for title, fig in pack.figures:
        for trace in fig.to_plotly_json()["data"]:
            for raw in _categories(trace):
                lines = raw.split("<br>")
                assert all(len(line) <= charts.LABEL_WIDTH for line in lines), (title, raw)
                seen.add(" ".join(lines))
    assert {"Would recommend", "Relationship successful", "Grew in confidence",
            "Career development", "Mentees", "Mentors", "Pilot (March–June 2021)",
            "Cohort 2 (2021-22)"} <= seen
    # nothing shortened: every label drawn is a whole label the figures know
    known = FULL_LABELS | {"Mentees", "Mentors"} | set(figures.by_cohort(con)["name"])
    assert seen <= known, seen - known


def test_every_axis_of_the_pack_grows_its_margin_to_fit_its_labels(pack):
    for title, fig in pack.figures:
        layout = fig.to_plotly_json()["layout"]
        axes = [k for k in layout if k.startswith(("xaxis", "yaxis"))]
        assert axes, title
        for key in axes:
            if layout[key].get("visible") is False:
                continue
            assert layout[key].get("automargin") is True, (title, key)


def test_the_pipeline_counts_people_in_whole_ticks_from_zero(pack):
    fig = dict(pack.figures)["Pipeline"]
    y = fig.to_plotly_json()["layout"]["yaxis"]
    assert y["tickformat"] == ",d" and y["dtick"] >= 1 and y["range"][0] == 0
    assert y["range"][1] > 49  # the pilot's 49 mentee respondents fit under the top
    assert y["title"]["standoff"] >= 10  # the "people" title keeps clear of the ticks


def test_small_counts_still_get_whole_ticks():
    axis = charts.count_axis(1, "people")
    assert axis["dtick"] == 1 and axis["tickformat"] == ",d"


def test_long_labels_wrap_on_words_and_keep_every_word():
    text = "The programme supported my career development"
    wrapped = charts.wrap(text, 16)
    assert wrapped.replace("<br>", " ") == text
    assert max(len(line) for line in wrapped.split("<br>")) <= 16


def test_the_pack_carries_the_programme_health_figures(con, tmp_path):
    import subprocess

    pack = board_pack.gather(con, "cohort-2", date(2026, 12, 1))
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(board_pack.draw(pack, [], "charts left out in this test"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Programme health" in text
    for fig in pack.health:
        assert fig.label in text and fig.text() in text
    assert {f.key for f in pack.health} >= {"meetings_per_pair", "meeting_fortnightly"}
