"""One definition of each figure: the Overview, Outcomes, `kpis --json` and the board pack give
the same numbers for every demo cohort (each read as a person or a program reads it)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from casson.outcomes import figures
from tests.conftest import ROOT, signed_in_app
from tests.test_report import pdf_text

LABELS = {label: key for key, label, _, _ in figures.KPI_ROWS}
HEAD_COUNTS = {"Mentors", "Mentees", "Pairs formed"}
NUMBER = re.compile(r"^(—|\d+(?:\.\d)?%?)")


def _number(shown: str) -> float | None:
    """'97.1%' -> 97.1, '54' -> 54, '—' (nothing to show) -> None."""
    found = NUMBER.match(shown.strip())
    assert found, f"not a figure: {shown!r}"
    text = found.group(1)
    return None if text == "—" else float(text.rstrip("%"))


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "casson", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _demo_cohorts(db: Path) -> list[str]:
    return [line.split("\t")[0] for line in _cli("cohort", "list", "--db", str(db)).splitlines()
            if line.strip()]


def _tiles(at) -> dict[str, float | None]:
    return {m.label: _number(str(m.value)) for m in at.metric if m.label in LABELS}


def _overview(cohort: str) -> dict[str, float | None]:
    at = signed_in_app("trustee").run()
    at.selectbox(key="cohort").select(cohort).run()
    assert not at.exception
    return _tiles(at)


def _outcomes(cohort: str) -> dict[str, float | None]:
    at = signed_in_app("staff", "views/outcomes.py").run()
    at.selectbox(key="cohort").select(cohort).run()
    assert not at.exception
    return _tiles(at)


def _board_pack(cohort: str, db: Path, out: Path) -> dict[str, float | None]:
    _cli("report", "--cohort", cohort, "--out", str(out), "--db", str(db))
    text = re.sub(r"[ \t]+", " ", pdf_text(out))
    found = {}
    for label in LABELS:
        match = re.search(rf"^{re.escape(label)} (\S+)", text, re.MULTILINE)
        assert match, f"{label} is not in the board pack of {cohort}"
        # The pack writes "no responses yet" where a tile shows "—".
        found[label] = None if match.group(1) == "no" else _number(match.group(1))
    return found


def test_every_demo_cohort_shows_the_same_numbers_everywhere(app_env, demo_db_template, tmp_path):
    cohorts = _demo_cohorts(demo_db_template)
    assert {"pilot-2021", "cohort-2"} <= set(cohorts)
    for cohort in cohorts:
        k = json.loads(_cli("kpis", "--cohort", cohort, "--json", "--db", str(demo_db_template)))
        from_cli = {label: (None if k[key] is None else float(k[key]))
                    for label, key in LABELS.items()}
        if not k["mentor_responses"] + k["mentee_responses"]:
            # Before the survey every survey figure reads "no responses yet" (JSON keeps its 0s).
            from_cli = {label: (value if label in HEAD_COUNTS else None)
                        for label, value in from_cli.items()}
        overview, outcomes = _overview(cohort), _outcomes(cohort)
        pack = _board_pack(cohort, demo_db_template, tmp_path / f"{cohort}.pdf")
        # The tiles leave out what a cohort has no basis for (no survey: no outcome tiles).
        assert set(overview) == set(outcomes) and set(overview) >= HEAD_COUNTS
        for label, value in overview.items():
            assert value == outcomes[label] == from_cli[label], (cohort, label)
        for label, value in pack.items():
            assert value == from_cli[label], (cohort, label, "board pack")


@pytest.mark.parametrize("label", ["Pairs formed", "Mentees willing to mentor"])
def test_the_same_numbers_check_reads_real_figures(label):
    # A check that parsed nothing would pass on anything: it must read a figure as shown.
    assert _number("54") == 54 and _number("97.1%") == 97.1 and _number("—") is None
    assert label in LABELS
