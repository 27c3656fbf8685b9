"""The import kinds `interest` and `suggestions` through the one import engine, from exports as
the forms write them (tests/intake_files/, built by its build.py), and `export interest`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casson import importer
from casson.cli import main

FILES = Path(__file__).resolve().parent / "intake_files"
FIELDS = ("full_name", "email", "email_key", "region", "role_wanted", "cohort_wanted", "source",
          "consent",
          "registered_on", "status", "notes")
REGISTER = [  # every stored field of every row of the registration form's export
    ("Morwenna Tregear", "morwenna.tregear@example.org", "morwenna.tregear@example.org",
     "South West", "mentee",
     "cohort-3", "RCOT regional group", True, date(2022, 5, 3), "new", None),
    ("Callum Baird", "callum.baird@example.org", "callum.baird@example.org", "Scotland", "mentee",
     "cohort-3",
     "A colleague", True, date(2022, 5, 3), "new", None),
    ("Eilidh Fraser", "Eilidh.Fraser@example.org", "eilidh.fraser@example.org", "Scotland",
     "mentor", "cohort-3",
     "Trust newsletter", True, date(2022, 5, 4), "new", None),
    ("Siân Pritchard", "sian.pritchard@example.org", "sian.pritchard@example.org", "Wales",
     "mentor", "future",
     "RCOT regional group", True, date(2022, 5, 4), "new", None),
    ("Chloé Dubois-Hart", "chloe.duboishart@example.org", "chloe.duboishart@example.org", "London",
     "mentee",
     "cohort-3", "Twitter", False, date(2022, 5, 6), "new", None),
    ("Tomás O'Neill", "tomas.oneill@example.org", "tomas.oneill@example.org", "Northern Ireland",
     "mentee",
     "future", "A colleague", True, date(2022, 5, 9), "new", None),
]


@pytest.fixture
def cohort3(con):
    importer.create_cohort(con, "cohort-3", "Cohort 3 (2022-23)", actor="t")
    return con


def _imported(con) -> list[tuple]:
    return con.execute(f"SELECT {', '.join(FIELDS)} FROM interest WHERE updated_by = 't' "
                       "ORDER BY id").fetchall()


@pytest.mark.parametrize("name",
                         ["register_of_interest_forms.csv", "register_of_interest_forms.xlsx"])
def test_the_registration_forms_export_imports_with_no_mapping(cohort3, name):
    con = cohort3
    result = importer.run(con, "interest", FILES / name, actor="t", cohort="cohort-3")
    assert result.status == "committed", [e.line() for e in result.errors]
    assert (result.rows_new, result.rows_error) == (6, 0)
    assert _imported(con) == REGISTER
    again = importer.run(con, "interest", FILES / name, actor="t", cohort="cohort-3")
    assert (again.status, again.rows_new, again.rows_updated, again.rows_unchanged) == ("committed",
                                                                                        0, 0, 6)
    assert _imported(con) == REGISTER
    audit = con.execute("SELECT count(*) FROM audit_log "
                        "WHERE action = 'interest.import'").fetchone()[0]
    assert audit == 6


def test_the_next_cohort_needs_a_cohort_chosen_and_nothing_is_written(con):
    before = con.execute("SELECT count(*) FROM interest").fetchone()[0]
    result = importer.run(con, "interest", FILES / "register_of_interest_forms.csv", actor="t")
    assert result.status == "rejected"
    bad = [(e.row, e.column, e.value) for e in result.errors if "choose which cohort" in e.reason]
    # Named by the form's question, as the file heads the column.
    asked = "Which cohort would you like to join?"
    assert bad == [(2, asked, "The next cohort (autumn 2022)"),
                   (3, asked, "The next cohort (autumn 2022)"),
                   (4, asked, "The next cohort (autumn 2022)"),
                   (6, asked, "The next cohort (autumn 2022)")]
    assert con.execute("SELECT count(*) FROM interest").fetchone()[0] == before


@pytest.mark.parametrize(("old", "new", "column", "reason"), [
    ("Mentee,The next", "Coach,The next", "Would you like to be a mentor or a mentee?",
     "is not a known role"),
    ("South West", "Atlantis", "Which RCOT region do you work in?", "is not a known region"),
    ("callum.baird@example.org", "callum.baird(at)example.org", "Your email address",
     "is not a valid email address"),
    ("Yes,A colleague\r\n3", "Perhaps,A colleague\r\n3",
     "May we contact you about the mentoring programme?", ""),
])
def test_a_bad_answer_is_refused_naming_row_column_and_value(cohort3, tmp_path, old, new, column,
                                                             reason):
    con = cohort3
    data = (FILES / "register_of_interest_forms.csv").read_bytes().decode("cp1252")
    assert old in data
    path = tmp_path / "bad.csv"
    path.write_bytes(data.replace(old, new, 1).encode("cp1252"))
    result = importer.run(con, "interest", path, actor="t", cohort="cohort-3")
    assert result.status == "rejected" and not _imported(con)
    [error] = [e for e in result.errors if e.column == column]
    assert (reason in error.reason and error.row in (2,
                                                     3)
            and new.split(",")[0].split("\r")[0] in error.value)


def test_suggestions_from_a_google_form_join_the_queue(con):
    result = importer.run(con, "suggestions", FILES / "suggestions_google_forms.csv", actor="t")
    assert result.status == "committed" and result.rows_new == 2, [e.line() for e in result.errors]
    rows = con.execute("SELECT kind, title, provider, url, year, topic, note, suggested_by, email, "
                       "source, status "
                       "FROM suggestions WHERE source = 'import' ORDER BY id").fetchall()
    assert rows == [
        ("course",
         "Leadership for Health and Social Care (PgCert)", "University of Glasgow", None, None,
         "leadership", "Flexible and part-time.", "Iona Reid", "reader.three@example.org", "import",
         "pending"),
        ("resource", "Healthcare Leadership Model", "NHS Leadership Academy", "https://www.leadershipacademy.nhs.uk/",
         None, "leadership behaviours",
         "The nine dimensions are a good frame for a development plan.",
         "Owen Price", "reader.four@example.org", "import", "pending"),
    ]
    again = importer.run(con, "suggestions", FILES / "suggestions_google_forms.csv", actor="t")
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 2)


def test_a_suggested_link_that_is_not_a_web_address_is_refused(con, tmp_path):
    text = (FILES / "suggestions_google_forms.csv").read_text(encoding="utf-8")
    path = tmp_path / "bad.csv"
    # The Glasgow course's link, left empty on the form, given as a script instead.
    bad = text.replace("University of Glasgow,,", "University of Glasgow,javascript:alert(1),")
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    before = con.execute("SELECT count(*) FROM suggestions").fetchone()[0]
    result = importer.run(con, "suggestions", path, actor="t")
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.row, error.column, error.value) == (
        2, "Link (web address)", "javascript:alert(1)")
    assert con.execute("SELECT count(*) FROM suggestions").fetchone()[0] == before
    assert "not a web address" in error.reason


def test_export_interest_writes_the_register(demo_db, tmp_path, capsys):
    out = tmp_path / "interest.csv"
    assert main(["--db", str(demo_db), "export", "interest", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,full_name,email,email_key,region,role_wanted,cohort_wanted")
    assert len(lines) == 1 + 12 + 6 + 24
