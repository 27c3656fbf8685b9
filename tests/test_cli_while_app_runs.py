"""The read-only commands work while a real `streamlit run` holds the database (issue 26):
they read a consistent copy of the file, including what the dashboard saved a moment ago,
while a command that writes still says plainly that the dashboard holds the file."""

import json
import subprocess
import sys

import duckdb
import pytest
from conftest import ROOT, sign_in, wait_for_app

pytestmark = pytest.mark.browser


def cli(dbfile, *args):
    return subprocess.run(
        [sys.executable, "-m", "casson", "--db", str(dbfile), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def create_cohort_in_the_browser(page, base):
    page.goto(f"{base}/cohorts")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text("Create a cohort").click()
    main.get_by_label("Id (no spaces)").fill("autumn-26")
    main.get_by_label("Name", exact=True).first.fill("Autumn 2026")
    main.get_by_role("button", name="Create cohort").click()
    wait_for_app(page)
    page.get_by_text("Autumn 2026").first.wait_for()


def test_read_only_commands_work_while_the_dashboard_holds_the_file(private_server, page, tmp_path):
    base, dbfile = private_server
    sign_in(page, base, "staff")
    create_cohort_in_the_browser(page, base)  # the app now holds the file and has written to it

    busy = cli(dbfile, "cohort", "add", "x-1", "--name", "X")
    assert busy.returncode == 2 and "in use by another program" in busy.stderr

    listed = cli(dbfile, "cohort", "list")
    assert listed.returncode == 0, listed.stderr
    assert "autumn-26\tAutumn 2026" in listed.stdout  # saved by the app seconds ago
    assert "read a consistent copy" in listed.stderr

    kpis = cli(dbfile, "kpis", "--cohort", "pilot-2021", "--json")
    assert kpis.returncode == 0, kpis.stderr
    figures = json.loads(kpis.stdout)
    assert (figures["mentors"], figures["mentees"], figures["mentee_response_rate"]) == (
        34,
        54,
        90.7,
    )

    exported = cli(dbfile, "export", "cohorts", "--out", str(tmp_path / "cohorts.csv"))
    assert exported.returncode == 0, exported.stderr
    assert "autumn-26,Autumn 2026" in (tmp_path / "cohorts.csv").read_text(encoding="utf-8-sig")

    pdf = tmp_path / "pack.pdf"
    report = cli(dbfile, "report", "--cohort", "pilot-2021", "--out", str(pdf))
    assert report.returncode == 0, report.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000

    backup = tmp_path / "backup.duckdb"
    made = cli(dbfile, "backup", "--out", str(backup))
    assert made.returncode == 0, made.stderr
    copy = duckdb.connect(str(backup), read_only=True)
    try:
        assert copy.execute("SELECT name FROM cohorts WHERE id = 'autumn-26'").fetchone() == (
            "Autumn 2026",
        )
    finally:
        copy.close()
    assert not list(dbfile.parent.glob(".read-copy-*"))  # each copy is removed afterwards

    page.reload()
    wait_for_app(page)
    assert page.get_by_role("button", name="Sign out").is_visible()  # the app carried on
