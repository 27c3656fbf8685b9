"""The corpus of realistic exports (tests/forms_corpus/, built by its build.py): Microsoft Forms
XLSX and CSV, Google Forms CSV, Excel "Save as CSV" in UTF-8 and Windows-1252. Each one imports
through the CLI with no --map, every question column mapped, and every stored field of a row
is what the form's answer meant."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from casson import importer
from casson.cli import main
from casson.platform import db

CORPUS = Path(__file__).resolve().parent / "forms_corpus"
PERSON = "SELECT per.full_name, per.email, per.region, per.career_stage, per.specialty, " \
         "per.employer, " \
         "p.role, p.themes, p.capacity, p.goals, p.notes FROM participants p " \
         "JOIN people per ON per.id = p.person_id WHERE per.email_key = ? AND p.cohort_id = ?"
SURVEY = "SELECT role, person_id, submitted_at, would_recommend, relationship_successful, " \
         "grew_confidence, " \
         "career_development, willing_to_mentor, comments FROM survey_responses " \
         "WHERE cohort_id = ? AND role = ?"

# file -> (kind, key of the row checked, every stored field of it)
PEOPLE = {
    "ms_forms_mentors.xlsx": ("mentors", "rhiannon.pryce@example.org", (
        "Rhiannon Pryce", "rhiannon.pryce@example.org", "Wales", "senior", "Neurology",
        "Cardiff and Vale UHB", "mentor", "confidence; leadership; research", 3, None,
        "Happy to meet online")),
    "ms_forms_mentees.xlsx": ("mentees", "bethan.lloyd@example.org", (
        "Bethan Lloyd", "bethan.lloyd@example.org", "Yorkshire and the Humber", "early career",
        None,
        None, "mentee", "confidence; influencing", None, "Find my voice in team meetings", None)),
    "ms_forms_signed_in_mentors.csv": ("mentors", "dafydd.evans@example.org", (
        "Dafydd Evans", "Dafydd.Evans@example.org", "South West", "leader", None, None, "mentor",
        "influencing; leadership", 2, None, None)),
    "ms_forms_mentees_1252.csv": ("mentees", "sian.oconnor@example.org", (
        "Siân O'Connor", "sian.oconnor@example.org", "Northern Ireland", "early career", None, None,
        "mentee", "confidence; storytelling", None, "Feel confident leading a café-style clinic",
        None)),
    "google_forms_mentors.csv": ("mentors", "gareth.hughes@example.org", (
        "Gareth Hughes", "gareth.hughes@example.org", "North West", "senior", None,
        "Manchester University NHS FT", "mentor", "confidence; research; storytelling", 3, None,
        "Prefer evening calls")),
    "google_forms_mentees.csv": ("mentees", "tom.ashworth@example.org", (
        "Tom Ashworth", "tom.ashworth@example.org", "Yorkshire and the Humber", "early career",
        "Paediatrics", None, "mentee", "confidence; leading change", None, "Lead a quality project",
        None)),
    "excel_utf8_mentors.csv": ("mentors", "aoife.byrne@example.org", (
        "Aoife Byrne", "Aoife.Byrne@example.org", "Northern Ireland", "senior", "Older people",
        "Belfast Trust", "mentor", "confidence; research", 2, None, "Returning mentor")),
    "excel_1252_mentees.csv": ("mentees", "chloe.dubois@example.org", (
        "Chloé Dubois", "chloe.dubois@example.org", "London", "early career", None,
        "Whittington Health",
        "mentee", "confidence; storytelling", None, "Win a £500 bursary for a course", None)),
    "excel_semicolon_mentees.csv": ("mentees", "lena.vogel@example.org", (
        "Lena Vogel", "lena.vogel@example.org", "South West", "mid career", None, None, "mentee",
        "leadership; research", None, "Publish; present", None)),
}
SURVEYS = {  # the mentee's answers; person_id None = anonymous or not in the database
    "ms_forms_survey.xlsx": (None, datetime(2026, 9, 20, 9, 4, 12), 5, 4, 5, 4, True,
                             "My mentor helped me find my voice."),
    "google_forms_survey.csv": (None, datetime(2026, 6, 22, 19, 5, 31), 5, 5, 4, 5, True,
                                "Brilliant, thank you"),
    "excel_1252_survey.csv": (None, datetime(2026, 6, 30, 16, 45), 5, 4, 4, 5, True,
                              "I’d recommend it to anyone – truly."),
}
OTHERS = {
    "excel_utf8_bids.csv": ("bids", "SELECT applicant_name, applicant_email, employer, region, "
                                    "project_title, "
                            "fund, amount_requested, status, received_on, decided_on, "
                            "amount_awarded, "
                            "report_received, notes FROM bids WHERE reference = 'LP-2026-101'", (
        "Hannah Cole", "hannah.cole@example.org", "Leeds Community Healthcare",
        "Yorkshire and the Humber",
        "OT-led falls prevention in care homes", "leadership", Decimal("9500.00"), "awarded",
        date(2026, 4, 5), date(2026, 5, 20), Decimal("9000.00"), False, None)),
    "excel_1252_courses.csv": ("courses",
                               "SELECT format, level, duration, cost_from, cost_note, is_free, "
                               "location, url, summary FROM courses WHERE provider = "
                               "'Example University' "
                               "AND title = 'Leading OT services'", (
        "blended", "pgcert", "12 months", Decimal("1950.00"), "Per year – NHS discount", False,
        "Oxford",
        "https://www.example.org/leading-ot", None)),
    "google_forms_coaches.csv": ("coaches",
                                 "SELECT organisation, kind, offers, fee_from, fee_note, website, "
                                 "notes FROM coaches WHERE name = 'Maya Coach'", (
        "Maya Coaching Ltd", "ot_specialist", "coaching; mentoring", Decimal("60.00"), None,
        "https://www.example.org/maya", None)),
}


def _import(demo_db: Path, kind: str, name: str, cohort: str | None, capsys) -> str:
    args = ["import", kind, str(CORPUS / name), "--db", str(demo_db)]
    if cohort:
        args += ["--cohort", cohort]
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "--map" not in out.err and "looks like" not in out.err
    return out.out


def _new_cohort(demo_db: Path, cohort: str) -> None:
    assert main(["cohort", "add", cohort, "--name", f"Corpus {cohort}", "--db", str(demo_db)]) == 0


def test_the_corpus_holds_at_least_15_exports_of_every_tool():
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx"))
    assert set(files) == set(PEOPLE) | set(SURVEYS) | set(OTHERS) | {"ms_forms_survey.csv"}
    assert len(files) >= 15
    assert {f.split("_")[0] for f in files} == {"ms", "google", "excel"}
    assert (CORPUS / "ms_forms_mentees_1252.csv").read_bytes().decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        (CORPUS / "ms_forms_mentees_1252.csv").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted({**PEOPLE, **SURVEYS, **OTHERS, "ms_forms_survey.csv": 0}))
def test_every_question_column_is_mapped_and_only_bookkeeping_is_left_out(con, name):
    kind = (PEOPLE.get(name) or OTHERS.get(name) or ("survey",))[0]
    prep = importer.prepare(con, kind, CORPUS / name, cohort="pilot-2021" if kind == "survey" else
                            ("cohort-2" if kind in ("mentors", "mentees") else None))
    assert not prep.errors, prep.error_list()
    left_out = set(prep.ignored) | set(prep.forms_ignored)
    bookkeeping = {"ID", "Start time", "Last modified time", "Email", "Name", "Timestamp"}
    # the directory keeps no email
    expected_extra = {"Email address"} if kind == "coaches" else set()
    assert left_out - bookkeeping - {"Completion time"} == expected_extra


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_people_exports_import_with_no_map_and_every_field_stored(demo_db, capsys, name):
    kind, email, expected = PEOPLE[name]
    cohort = "corpus-" + name.split(".")[0].replace("_", "-")
    _new_cohort(demo_db, cohort)
    out = _import(demo_db, kind, name, cohort, capsys)
    assert " 0 with errors" in out
    with duckdb.connect(str(demo_db), read_only=True) as c:
        assert c.execute(PERSON, [email, cohort]).fetchone() == expected
        rows = c.execute("SELECT count(*) FROM participants WHERE cohort_id = ?",
                         [cohort]).fetchone()[0]
    assert f"{rows} new" in out


@pytest.mark.parametrize("name", sorted(SURVEYS))
def test_survey_exports_keep_the_submission_time_and_every_answer(demo_db, capsys, name):
    cohort = "corpus-" + name.split(".")[0].replace("_", "-")
    _new_cohort(demo_db, cohort)
    _import(demo_db, "survey", name, cohort, capsys)
    with duckdb.connect(str(demo_db), read_only=True) as c:
        assert c.execute(SURVEY, [cohort, "mentee"]).fetchone() == ("mentee", *SURVEYS[name])
        assert c.execute("SELECT count(*) FROM survey_responses WHERE cohort_id = ?",
                         [cohort]).fetchone() == (2,)


def test_an_anonymous_survey_with_an_email_question_links_the_respondent(demo_db, capsys):
    _new_cohort(demo_db, "corpus-survey")
    _import(demo_db, "mentors", "ms_forms_mentors.xlsx", "corpus-survey", capsys)
    _import(demo_db, "survey", "ms_forms_survey.csv", "corpus-survey", capsys)
    with duckdb.connect(str(demo_db), read_only=True) as c:
        person = c.execute("SELECT id FROM people WHERE email_key = "
                           "'rhiannon.pryce@example.org'").fetchone()[0]
        assert c.execute(SURVEY, ["corpus-survey", "mentee"]).fetchone() == (
            "mentee", person, datetime(2026, 6, 21, 9, 30), 5, 4, 5, 4, True, "Thank you!")
        assert c.execute(SURVEY, ["corpus-survey", "mentor"]).fetchone() == (
            "mentor", None, datetime(2026, 6, 21, 10, 9), 4, 4, None, None, None, None)


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_leadership_exports_import_with_no_map_and_every_field_stored(demo_db, capsys, name):
    kind, sql, expected = OTHERS[name]
    _import(demo_db, kind, name, None, capsys)
    con = db.connect(demo_db, read_only=True)
    try:
        assert con.execute(sql).fetchone() == expected
    finally:
        con.close()
