"""The board pack PDF: the pilot figures as extractable text, at least two chart images, a dated
footer, no personal data; and the `report` command's contract."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from casson.outcomes import board_pack
from tests.conftest import ROOT


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def image_count(path: Path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True,
                             capture_output=True, text=True).stdout.splitlines()
    return sum(1 for line in listing[2:] if line.split()[2] == "image")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casson", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def pilot_pack(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One board pack of the pilot built through the command line, shared by the tests here."""
    out = tmp_path_factory.mktemp("pack") / "pilot.pdf"
    result = cli("report", "--cohort", "pilot-2021", "--out", str(out), "--db",
                 str(demo_db_template))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    return out


def test_the_pilot_board_pack_text_holds_the_pilot_figures(pilot_pack):
    text = re.sub(r"[ \t]+", " ", pdf_text(pilot_pack))
    assert "Mentoring programme board pack" in text and "Pilot (March–June 2021)" in text
    for line in ("Mentors 34", "Mentees 54", "Pairs formed 54",
                 "Mentor response rate 97.1% (n = 33 of 34)",
                 "Mentee response rate 90.7% (n = 49 of 54)",
                 "Would recommend 100.0% (n = 82)",
                 "Relationship successful 100.0% (n = 49)",
                 "Grew in confidence 100.0% (n = 49)",
                 "Career development 100.0% (n = 49)",
                 "Mentees willing to mentor 41",
                 "Annual grant budget £50,000"):
        assert line in text, line


def test_the_board_pack_holds_at_least_two_chart_images(pilot_pack):
    assert image_count(pilot_pack) >= 2


def test_every_page_has_a_dated_footer(pilot_pack):
    pages = pdf_text(pilot_pack).split("\f")
    pages = [p for p in pages if p.strip()]
    today = date.today().strftime("%d %B %Y")
    for n, page in enumerate(pages, 1):
        assert f"generated {today}" in page and f"page {n} of {len(pages)}" in page


def test_the_board_pack_holds_no_personal_data(pilot_pack, con):
    text = pdf_text(pilot_pack)
    assert "@example.org" not in text
    names = [r[0] for r in con.execute("SELECT full_name FROM people").fetchall()]
    assert not [n for n in names if n in text]


def test_a_cohort_without_survey_gets_a_pack_that_says_so(con, tmp_path):
    out = board_pack.write(con, "cohort-2", tmp_path / "c2.pdf", today=date(2026, 1, 31))
    text = re.sub(r"[ \t]+", " ", pdf_text(out))
    assert "No survey responses yet for this cohort." in text
    assert "Mentees 70 +16" in text  # the change against the pilot
    assert "generated 31 January 2026" in text
    assert image_count(out) >= 2


def test_report_of_an_unknown_cohort_is_rejected_without_writing(demo_db, tmp_path):
    out = tmp_path / "x.pdf"
    result = cli("report", "--cohort", "no-such", "--out", str(out), "--db", str(demo_db))
    assert result.returncode == 1 and not out.exists()
    assert "no-such" in result.stderr and "pilot-2021" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_needs_a_pdf_file_name_in_an_existing_folder(demo_db, tmp_path):
    bad = cli("report", "--cohort", "pilot-2021", "--out", str(tmp_path / "x.txt"), "--db",
              str(demo_db))
    assert bad.returncode == 2 and ".pdf" in bad.stderr
    missing = cli("report", "--cohort", "pilot-2021", "--out", str(tmp_path / "nope" / "x.pdf"),
                  "--db", str(demo_db))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_without_chromium_the_page_still_gets_the_figures_and_the_cli_says_why(con, monkeypatch):
    def no_browser(figures):
        raise board_pack.ChartRenderError("Could not render the charts with kaleido and "
                                          "chromium: no browser")

    monkeypatch.setattr(board_pack, "render_png", no_browser)
    pdf = board_pack.build(con, "pilot-2021", charts_required=False)
    assert pdf.startswith(b"%PDF")
    with pytest.raises(board_pack.ChartRenderError):
        board_pack.build(con, "pilot-2021")


def test_the_pack_without_charts_holds_the_figures_and_a_note(con, tmp_path):
    pack = board_pack.gather(con, "pilot-2021", date(2026, 3, 2))
    out = tmp_path / "nocharts.pdf"
    out.write_bytes(board_pack.draw(pack, [], "The charts could not be drawn this time."))
    text = re.sub(r"[ \t]+", " ", pdf_text(out))
    assert "Mentor response rate 97.1% (n = 33 of 34)" in text
    assert "The charts could not be drawn this time." in text and image_count(out) == 0
