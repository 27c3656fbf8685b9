"""Coordinators' workbooks and the files of a term (tests/term_corpus): title rows skipped, the
sheet that fits chosen (or --sheet), Excel's sep= line, formula errors refused by cell, encrypted
workbooks named as such, headers with more words as look-alikes, a mentee themes question, and a
survey answered Maybe. Each through the CLI, every stored field asserted or nothing written."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
from pathlib import Path

import duckdb
import openpyxl
import pytest

from casson import importer
from casson.cli import main
from casson.importer import reading
from casson.outcomes import kpis
from casson.platform import db
from tests.import_support import last_import_id, table_hashes

CORPUS = Path(__file__).resolve().parent / "term_corpus"
sys.path.insert(0, str(CORPUS))
from ooxml import Formula, workbook  # noqa: E402

PERSON = (
    "SELECT per.full_name, per.email, per.region, per.career_stage, per.specialty, "
    "per.employer, p.themes, p.goals FROM participants p JOIN people per ON "
    "per.id = p.person_id WHERE p.cohort_id = ? AND p.role = 'mentee' ORDER BY per.email"
)


@pytest.fixture
def term(demo_db: Path) -> Path:
    assert (
        main(["cohort", "add", "cohort-3", "--name", "Cohort 3 (2022-23)", "--db", str(demo_db)])
        == 0
    )
    return demo_db


def _cli(dbfile: Path, capsys, kind: str, name: str, *extra: str) -> tuple[int, str, str]:
    copy = dbfile.parent / name  # --valid-only writes NAME.errors.csv beside the file
    shutil.copyfile(CORPUS / name, copy)
    code = main(["import", kind, str(copy), "--cohort", "cohort-3", "--db", str(dbfile), *extra])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def _mentees(dbfile: Path) -> list[tuple]:
    with duckdb.connect(str(dbfile)) as c:
        return c.execute(PERSON, ["cohort-3"]).fetchall()


class Unchanged:
    """The database before and after: every table as it was (the imports log up to its row)."""

    def __init__(self, dbfile: Path) -> None:
        self.dbfile = dbfile
        con = db.connect(dbfile)
        self.last, self.hashes = last_import_id(con), table_hashes(con)
        con.close()

    def holds(self) -> bool:
        con = db.connect(self.dbfile)
        try:
            return table_hashes(con, imports_up_to=self.last) == self.hashes
        finally:
            con.close()


def test_a_coordinators_workbook_reads_the_sheet_that_fits_below_its_title_rows(term, capsys):
    code, out, err = _cli(term, capsys, "mentees", "coordinator_workbook.xlsx")
    assert code == 0, err
    assert (
        "Read the sheet 'Mentees' (the sheet whose header fits) of 2 sheets; not read: "
        "'Instructions'." in err
    )
    assert (
        "Skipped above the header: row 1 ('Cohort 3 mentees – exported 03/10/2022'), "
        "row 2 (blank). The header is row 3."
    ) in err
    assert "Not imported, as nothing in the mentees format matches them: Joined." in err
    assert _mentees(term) == [  # themes are kept sorted, as every import keeps them
        (
            "Nia Okafor",
            "nia.okafor@example.org",
            "London",
            "early career",
            "Mental health",
            "Camden and Islington NHS FT",
            "confidence; storytelling",
            "Lead a group session",
        ),
        (
            "Owen Price",
            "owen.price@example.org",
            "Wales",
            "mid career",
            "Neurology",
            "Swansea Bay UHB",
            "leadership",
            "Apply for a band 7 post",
        ),
        (
            "Priya Shah",
            "priya.shah@example.org",
            "East Midlands",
            "early career",
            "Paediatrics",
            "Nottingham CityCare",
            "confidence; research",
            "Publish my audit",
        ),
    ]


def test_sheet_chooses_another_sheet_and_an_unknown_sheet_is_named(term, capsys):
    before = Unchanged(term)
    code, _out, err = _cli(
        term, capsys, "mentees", "coordinator_workbook.xlsx", "--sheet", "Instructions"
    )
    assert code == 1
    assert "Read the sheet 'Instructions' (the sheet you chose)" in err
    assert "No column is mapped to Full name, which is required" in err
    code, _out, err = _cli(term, capsys, "mentees", "coordinator_workbook.xlsx", "--sheet", "Nope")
    assert code == 1
    assert "The workbook has no sheet 'Nope': its sheets are 'Instructions', 'Mentees'." in err
    assert (
        err.strip()
        .splitlines()[-1]
        .endswith("the file cannot be imported as it is (above); nothing was written.")
    )
    assert before.holds()


def test_formula_errors_are_refused_by_row_and_column_and_never_stored(term, capsys):
    before = Unchanged(term)
    code, _out, err = _cli(term, capsys, "mentees", "vlookup_na.xlsx")
    assert code == 1
    assert "row 3, full_name: '#N/A' is a formula's error value, not a value" in err
    assert "row 4, career_stage: '#DIV/0!' is a formula's error value" in err
    assert before.holds()
    code, _out, err = _cli(term, capsys, "mentees", "vlookup_na.xlsx", "--valid-only")
    assert code == 0, err
    to_fix = (term.parent / "vlookup_na.errors.csv").read_text(encoding="utf-8-sig")
    assert "#N/A" in to_fix and "#DIV/0!" in to_fix
    # The formula's cached value that is a value imports; the rows in error do not.
    assert _mentees(term) == [
        ("Nia Okafor", "nia.okafor@example.org", "London", "early career", None, None, None, None)
    ]
    with duckdb.connect(str(term)) as c:
        assert (
            c.execute(
                "SELECT count(*) FROM people WHERE full_name LIKE '#%' OR career_stage LIKE '#%'"
            ).fetchone()[0]
            == 0
        )


@pytest.mark.parametrize(
    "error", ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_every_formula_error_value_in_a_csv_is_refused_too(con, error):
    text = f"full_name,email,region\r\n{error},x.err@example.org,Wales\r\n".encode()
    prep = importer.prepare(con, "mentees", text, file_name="x.csv", cohort="cohort-2")
    assert [(e.row, e.column, e.value) for e in prep.errors] == [(2, "full_name", error)]
    assert "formula's error value" in prep.errors[0].reason


def test_an_encrypted_workbook_is_refused_as_encrypted_not_as_an_old_xls(term, capsys):
    before = Unchanged(term)
    code, _out, err = _cli(term, capsys, "mentees", "encrypted_workbook.xlsx")
    assert code == 1
    assert "This workbook is encrypted or protected" in err
    assert "save an unprotected copy" in err and "never asks for a password" in err
    assert ".xls workbook" not in err
    assert err.strip().splitlines()[-1] == (
        "Rejected encrypted_workbook.xlsx: the file cannot be "
        "imported as it is (above); nothing was written."
    )
    assert before.holds()


def test_excels_sep_line_gives_the_delimiter_and_is_not_the_header(term, capsys):
    assert (CORPUS / "excel_sep_semicolon.csv").read_bytes().startswith(b"sep=;\r\n")
    code, _out, err = _cli(term, capsys, "mentees", "excel_sep_semicolon.csv")
    assert code == 0, err
    assert "Row 1 is Excel's delimiter line ('sep=;')" in err
    assert _mentees(term) == [
        (
            "Chloé Martin",
            "chloe.martin@example.org",
            "South East",
            "early career",
            None,
            None,
            None,
            "Présenter; écrire",
        ),
        (
            "Léa Dubois",
            "lea.dubois@example.org",
            "London",
            "mid career",
            None,
            None,
            None,
            "Lead; teach",
        ),
    ]


def test_a_header_with_more_words_is_a_lookalike_that_stops_the_import(term, capsys):
    before = Unchanged(term)
    code, _out, err = _cli(term, capsys, "mentees", "afc_band_headers.csv")
    assert code == 1
    assert "Column 'Career stage (AfC band)' looks like Career stage" in err
    assert "most of its values are not career stages" in err
    assert '--ignore "Career stage (AfC band)"' in err
    assert "Ignored columns" not in err and "Not imported, as nothing" not in err
    assert before.holds()
    # Mapped on purpose, its cells are the errors, by row (only the mapping is remembered).
    code, _out, err = _cli(
        term,
        capsys,
        "mentees",
        "afc_band_headers.csv",
        "--map",
        "Career stage (AfC band)=career_stage",
    )
    assert code == 1
    assert "row 2, Career stage (AfC band): 'Band 6' is not a known career stage" in err
    assert _mentees(term) == []
    # Left out on purpose, it is said so; "Region (where you work)" is the region.
    code, _out, err = _cli(
        term, capsys, "mentees", "afc_band_headers.csv", "--ignore", "Career stage (AfC band)"
    )
    assert code == 0, err
    assert "Left out on purpose (your mapping): Career stage (AfC band)." in err
    assert _mentees(term) == [
        ("Tara Quinn", "tara.quinn@example.org", "North East", None, None, None, None, None),
        ("Umar Rahman", "umar.rahman@example.org", "Scotland", None, None, None, None, None),
    ]


def test_a_mentee_forms_support_question_is_the_themes(term, capsys):
    code, _out, err = _cli(term, capsys, "mentees", "ms_forms_mentee_support.xlsx")
    assert code == 0, err
    assert "Ignored columns" not in err and "Not imported" not in err
    assert _mentees(term) == [
        (
            "Vera Lind",
            "vera.lind@example.org",
            "Yorkshire and the Humber",
            None,
            None,
            None,
            "confidence; leading change",
            "Speak up in MDT meetings",
        )
    ]


def test_a_survey_maybe_is_kept_as_its_own_answer_and_is_not_a_yes(term, capsys):
    code, _out, err = _cli(term, capsys, "survey", "ms_forms_survey_maybe.csv", "--valid-only")
    assert code == 0, err
    # The error names the form's question, not willing_to_mentor.
    assert (
        "row 5, Would you be willing to mentor in a future cohort?: 'Perhaps later on' is not "
        "an answer to this question (Yes, No, Maybe or Not sure)"
    ) in err
    with duckdb.connect(str(term)) as c:
        rows = c.execute(
            "SELECT submitted_at, would_recommend, willing_to_mentor, willing_answer, "
            "comments FROM survey_responses WHERE cohort_id = 'cohort-3' "
            "ORDER BY submitted_at"
        ).fetchall()
    assert rows == [
        (dt.datetime(2023, 6, 20, 9, 4, 12), 5, None, "maybe", "Lovely programme"),
        (dt.datetime(2023, 6, 20, 9, 12, 31), 4, None, "not sure", None),
        (dt.datetime(2023, 6, 20, 9, 21, 5), 4, True, "yes", None),
    ]
    con = db.connect(term)
    try:
        figures = kpis.cohort_kpis(con, "cohort-3")
    finally:
        con.close()
    assert figures["mentees_willing_to_mentor"] == 1  # Maybe and Not sure are not yes


def test_a_survey_export_round_trips_a_maybe(term, capsys):
    assert _cli(term, capsys, "survey", "ms_forms_survey_maybe.csv", "--valid-only")[0] == 0
    con = db.connect(term)
    try:
        frame = importer.export_frame(con, "survey", "cohort-3")
    finally:
        con.close()
    assert sorted(frame["willing_to_mentor"].tolist()) == ["maybe", "not sure", "yes"]


def test_mapping_reasons_read_as_english(con):
    text = (
        "ID,Start time,Your full name,Work email,Which region do you work in?,"
        "How many mentees could you take on?,Themes you can support (tick all that apply)\r\n"
        "1,2022-09-01,Wyn Jones,wyn.jones@example.org,Wales,2,Confidence;Research\r\n"
    )
    prep = importer.prepare(con, "mentors", text.encode(), file_name="m.csv", cohort="cohort-2")
    reasons = {c.header: c.reason for c in prep.choices}
    assert reasons["How many mentees could you take on?"] == (
        "the header says “many mentees” and its values are whole numbers"
    )
    assert reasons["Themes you can support (tick all that apply)"] == (
        "the header says “tick all that apply” and its values are lists of themes"
    )
    assert reasons["Which region do you work in?"] == (
        "the header says “region” and its values are region names"
    )


def test_a_reimport_that_updates_rows_does_not_say_they_are_unchanged(term, capsys):
    assert _cli(term, capsys, "mentees", "excel_sep_semicolon.csv")[0] == 0
    with duckdb.connect(str(term)) as c:
        c.execute("UPDATE people SET region = 'Wales' WHERE email_key = 'lea.dubois@example.org'")
    code, out, err = _cli(term, capsys, "mentees", "excel_sep_semicolon.csv")
    assert code == 0, err
    assert "0 new, 1 updated, 1 unchanged" in out
    assert "unchanged." not in err
    assert "but 1 of its rows differ from what is stored now (0 new, 1 updated)" in err


def _values_workbook() -> bytes:
    return workbook(
        [
            (
                "Values",
                [
                    ["Text", "Day", "Moment", "Whole", "Decimal", "Yes", "Blank", "Cached"],
                    [
                        "Ann",
                        dt.date(2022, 10, 3),
                        dt.datetime(2022, 10, 3, 9, 30),
                        7,
                        3.25,
                        True,
                        None,
                        Formula('A2&" X"', "Ann X"),
                    ],
                    [
                        "Bob",
                        dt.date(2023, 2, 28),
                        dt.datetime(2023, 2, 28, 17, 5, 30),
                        0,
                        -1.5,
                        False,
                        "",
                        Formula("D3+1", 1),
                    ],
                ],
            )
        ]
    )


def test_calamine_reads_the_same_values_as_openpyxl_did(con):
    data = _values_workbook()
    table = reading.read(data, "v.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    from casson.importer.workbooks import cell_text

    expected = [
        [cell_text(v) for v in row]
        for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)
    ]
    book.close()
    assert table.rows.to_numpy().tolist() == expected
    assert expected == [
        ["Ann", "2022-10-03", "2022-10-03 09:30:00", "7", "3.25", "True", "", "Ann X"],
        ["Bob", "2023-02-28", "2023-02-28 17:05:30", "0", "-1.5", "False", "", "1"],
    ]


def test_a_csv_with_a_title_row_and_a_blank_row_above_its_header_imports(term, tmp_path, capsys):
    text = (
        "Cohort 3 mentees – exported 03/10/2022,,\r\n,,\r\nFull name,Email,Region\r\n"
        "Zoë Hart,zoe.hart@example.org,Wales\r\n"
    )
    path = tmp_path / "with-title.csv"
    path.write_bytes(text.encode("cp1252"))  # Excel's "CSV (Comma delimited)"
    code = main(["import", "mentees", str(path), "--cohort", "cohort-3", "--db", str(term)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert (
        "Skipped above the header: row 1 ('Cohort 3 mentees – exported 03/10/2022'), "
        "row 2 (blank). The header is row 3."
    ) in err
    assert _mentees(term) == [
        ("Zoë Hart", "zoe.hart@example.org", "Wales", None, None, None, None, None)
    ]
