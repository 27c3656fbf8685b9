"""Writes the corpus of malformed import files and MANIFEST.csv (what each must be refused for).

Run `python tests/import_corpus/build.py` to regenerate; the files are committed as built.
Each manifest row: file, kind, cohort, row (blank: the whole file), column, message (a
substring of the reason the engine must give).
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
M = "full_name,email,region,career_stage\n"
OK = "Ada Corpus,ada.corpus@example.org,Wales,early career\n"
S = ("role,email,submitted_at,would_recommend,relationship_successful,grew_confidence,"
     "willing_to_mentor\n")
B = ("reference,applicant_name,applicant_email,project_title,fund,amount_requested,"
     "amount_awarded,received_on,decided_on\n")
BOK = "LP-C-1,Bo Corpus,bo.corpus@example.org,Falls clinic,leadership,9500,,01/02/2024,\n"

# file, data, kind, cohort, row, column, message
CASES: list[tuple[str, bytes, str, str, str, str, str]] = []


def case(name: str, data: str | bytes, message: str, kind: str = "mentees",
         cohort: str = "cohort-2",
         row: int | str = "", column: str = "(file)") -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    CASES.append((name, raw, kind, cohort, str(row), column, message))


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def build() -> None:
    rnd = random.Random(5)
    # -- files that are not tables at all
    case("empty.csv", b"", "The file is empty")
    case("blank_lines_only.csv", "\r\n \r\n\t\r\n", "The file is empty")
    case("header_only.csv", M, "header row but no data rows")
    case("header_and_blank_rows.csv", M + ",,,\r\n\r\n", "header row but no data rows")
    case("binary_junk.csv", bytes(rnd.randrange(256) for _ in range(4096)), "binary data")
    case("png_named_csv.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary data")
    case("control_characters.csv", "".join(chr(rnd.randrange(1, 9)) for _ in range(2000)),
         "control characters")
    case("text_named_xlsx.xlsx", M + OK, "named .xlsx but is not an Excel workbook")
    case("old_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
         "old Excel .xls workbook")
    case("damaged.xlsx", b"PK\x03\x04" + bytes(rnd.randrange(256) for _ in range(600)),
         "cannot be read as an Excel workbook")
    # -- encodings and quoting
    case("bom_then_invalid_utf8.csv",
         b"\xef\xbb\xbf" + M.encode() + b"Ad\x81a,a@example.org,Wales,\n",
         "says it is UTF-8 but byte")
    case("neither_utf8_nor_1252.csv", M.encode() + b"\x81\x8d\x8f\x90\x9d,a@example.org,Wales,\n",
         "neither UTF-8 nor Windows-1252")
    case("ragged_row.csv", M + OK + "Bea,bea@example.org,Wales,student,extra,more\n",
         "Row 3 has 6 values but the header has 4")
    case("unclosed_quote.csv", M + '"Ada Corpus,ada@example.org,Wales,student\n', "never closed")
    # -- headers
    case("missing_email_column.csv", "full_name,region\nAda,Wales\n",
         "Missing required column email")
    case("unknown_headers.csv", "a,b,c\n1,2,3\n", "Missing required column full_name")
    case("pipe_delimited.csv", "full_name|email|region\nAda|ada@example.org|Wales\n",
         "Missing required column full_name")
    case("two_email_columns.csv",
         "full_name,Email,E-mail,region\nAda,a@example.org,b@example.org,Wales\n",
         "both give email")
    # -- bad values of every kind (mentors, mentees)
    case("bad_email.csv", M + "Ada,ada.example.org,Wales,\n", "not a valid email address", row=2,
         column="email")
    case("bad_region.csv", M + "Ada,ada@example.org,Atlantis,\n", "not a known region", row=2,
         column="region")
    case("bad_career_stage.csv", M + "Ada,ada@example.org,Wales,professor\n",
         "not a known career stage",
         row=2, column="career_stage")
    case("empty_required_name.csv", M + " ,ada@example.org,Wales,\n", "is required but empty",
         row=2,
         column="full_name")
    case("duplicate_email_ignoring_case.csv", M + OK + "Ada Again,ADA.Corpus@Example.org,Wales,\n",
         "has the same email as row 2", row=3, column="email")
    case("capacity_zero.csv", "full_name,email,region,capacity\nAda,ada@example.org,Wales,0\n",
         "must be at least 1", kind="mentors", row=2, column="capacity")
    case("capacity_words.csv", "full_name,email,region,capacity\nAda,ada@example.org,Wales,two\n",
         "not a whole number", kind="mentors", row=2, column="capacity")
    case("cell_too_long.csv", M + "Ada,ada@example.org,Wales," + "x" * 10_050 + "\n",
         "longer than 10,000 characters", row=2, column="career_stage")
    case("one_bad_row_among_good.csv",
         ("\ufeff" + M + OK + "Bea Corpus,bea.corpus@example.org,Mars,student\r\n").replace(",",
                                                                                            ";"),
         "not a known region", row=3, column="region")
    case("windows_1252_bad_email.csv", (M + "Zo\u00eb Corpus,zo\u00eb@,Wales,\n").encode("cp1252"),
         "not a valid email address", row=2, column="email")
    case("bad_region.xlsx",
         xlsx([["Full Name", "Email", "Region"], ["Ada", "ada@example.org", "Narnia"]]),
         "not a known region", row=2, column="region")
    case("no_cohort.csv", M + OK, "needs a cohort", cohort="")
    case("unknown_cohort.csv", M + OK, "There is no cohort 'cohort-99'", cohort="cohort-99")
    # -- survey
    case("survey_bad_likert.csv", S + "mentee,,,very much,,,\n", "not a 1-5 answer", kind="survey",
         cohort="pilot-2021", row=2, column="would_recommend")
    case("survey_likert_off_scale.csv", S + "mentee,,,7,,,\n", "outside the 1-5 scale",
         kind="survey",
         cohort="pilot-2021", row=2, column="would_recommend")
    case("survey_bad_yes_no.csv", S + "mentee,,,5,5,5,whenever\n",
         "is not an answer to this question", kind="survey",
         cohort="pilot-2021", row=2, column="willing_to_mentor")
    case("survey_bad_role.csv", S + "trustee,,,5,,,\n", "not a known role", kind="survey",
         cohort="pilot-2021", row=2, column="role")
    case("survey_impossible_date.csv", S + "mentee,,31/02/2021,5,,,\n", "not a real date",
         kind="survey",
         cohort="pilot-2021", row=2, column="submitted_at")
    case("survey_two_digit_year.csv", S + "mentee,,05/04/21,5,,,\n", "two-digit year",
         kind="survey",
         cohort="pilot-2021", row=2, column="submitted_at")
    case("survey_missing_would_recommend.csv", "role,email\nmentee,\n",
         "Missing required column would_recommend", kind="survey", cohort="pilot-2021")
    case("survey_same_respondent_twice.csv",
         S + "mentee,kim@example.org,,5,,,\nmentee,KIM@example.org,,4,,,\n",
         "same respondent as row 2", kind="survey", cohort="pilot-2021", row=3, column="email")
    # -- bids
    case("bids_over_cap.csv", B + "LP-C-1,Bo,bo@example.org,Falls,leadership,\"£10,000.01\",,,\n",
         "more than the £10,000", kind="bids", cohort="", row=2, column="amount_requested")
    case("bids_awarded_over_cap.csv", B + "LP-C-1,Bo,bo@example.org,Falls,,9000,12000,,\n",
         "more than the £10,000", kind="bids", cohort="", row=2, column="amount_awarded")
    case("bids_bad_money.csv", B + "LP-C-1,Bo,bo@example.org,Falls,leadership,about 9k,,,\n",
         "not an amount in pounds", kind="bids", cohort="", row=2, column="amount_requested")
    case("bids_negative_money.csv", B + "LP-C-1,Bo,bo@example.org,Falls,cpd,-500,,,\n",
         "is negative",
         kind="bids", cohort="", row=2, column="amount_requested")
    case("bids_decided_before_received.csv",
         B + "LP-C-1,Bo,bo@example.org,Falls,cpd,500,,05/04/2024,01/04/2024\n",
         "before the bid was received", kind="bids", cohort="", row=2, column="decided_on")
    case("bids_duplicate_reference.csv", B + BOK + BOK, "repeats the reference of row 2",
         kind="bids",
         cohort="", row=3, column="reference")
    case("bids_impossible_date.csv", B + "LP-C-1,Bo,bo@example.org,Falls,cpd,500,,13/13/2024,\n",
         "not a real date", kind="bids", cohort="", row=2, column="received_on")
    case("bids_bad_fund.csv", B + "LP-C-1,Bo,bo@example.org,Falls,lottery,500,,,\n",
         "not a known fund",
         kind="bids", cohort="", row=2, column="fund")
    # -- directory and attendance
    case("courses_bad_format.csv", "provider,title,format\nUni,Course,telepathy\n",
         "not a known course format",
         kind="courses", cohort="", row=2, column="format")
    case("courses_duplicate.csv", "provider,title\nUni,Course\nUNI,course\n",
         "repeats the provider and title",
         kind="courses", cohort="", row=3, column="title")
    case("coaches_bad_kind.csv", "name,kind\nJo Coach,wizard\n", "not a known coach kind",
         kind="coaches",
         cohort="", row=2, column="kind")
    case("coaches_bad_fee.csv", "name,fee_from\nJo Coach,fifty pounds\n", "not an amount in pounds",
         kind="coaches", cohort="", row=2, column="fee_from")
    case("attendance_unknown_session.csv", "session,email\nJuggling for OTs,nobody@example.org\n",
         "matches no session", kind="attendance", cohort="", row=2, column="session")
    case("attendance_unknown_email.csv", "session,email\nStorytelling,nobody.known@example.org\n",
         "matches nobody in the database", kind="attendance", cohort="cohort-2", row=2,
         column="email")

    for old in HERE.glob("*"):
        if old.name not in ("build.py", "MANIFEST.csv") and old.is_file():
            old.unlink()
    with (HERE / "MANIFEST.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "kind", "cohort", "row", "column", "message"])
        for name, raw, kind, cohort, row, column, message in CASES:
            (HERE / name).write_bytes(raw)
            out.writerow([name, kind, cohort, row, column, message])


if __name__ == "__main__":
    build()
    print(f"{len(CASES)} files in {HERE}")
