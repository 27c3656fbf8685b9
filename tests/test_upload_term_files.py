"""The Upload page with the files of a term (tests/term_corpus): a coordinator's workbook read
from the sheet that fits, below its title rows, with a picker for another sheet; mapping pickers
that show labels; a Teams attendance report imported with no mapping; a whole-file problem said
alone. Driven through AppTest, checked in the database."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from tests.conftest import signed_in_app

CORPUS = Path(__file__).resolve().parent / "term_corpus"
sys.path.insert(0, str(CORPUS))
import build  # noqa: E402


def _page(kind: str, cohort: str):
    at = signed_in_app("staff").run()
    at.switch_page("views/upload.py").run()
    at.selectbox(key="upload_kind").select(kind).run()
    at.selectbox(key="upload_cohort").select(cohort).run()
    return at


def _upload(at, name: str, mime: str = "application/octet-stream"):
    assert len(at.file_uploader) == 1
    at.file_uploader[0].upload(name, (CORPUS / name).read_bytes(), mime).run()
    assert not at.exception, at.exception
    return at


def _sheet_box(at):
    boxes = [s for s in at.selectbox if s.label == "Sheet to read"]
    assert len(boxes) == 1
    return boxes[0]


def _mentees(dbfile: Path) -> list[tuple]:
    with duckdb.connect(str(dbfile)) as c:
        return c.execute(
            "SELECT per.full_name, per.email, per.region, per.career_stage, "
            "per.specialty, per.employer, p.themes, p.goals FROM participants p "
            "JOIN people per ON per.id = p.person_id WHERE p.cohort_id = 'cohort-2' "
            "AND per.email_key LIKE '%@example.org' AND per.email_key IN "
            "('nia.okafor@example.org', 'owen.price@example.org', "
            "'priya.shah@example.org') ORDER BY per.email"
        ).fetchall()


def test_a_workbook_is_read_from_the_sheet_that_fits_and_another_can_be_picked(app_env):
    at = _upload(_page("mentees", "cohort-2"), "coordinator_workbook.xlsx")
    assert _sheet_box(at).value == "Mentees"
    assert _sheet_box(at).options == ["Instructions", "Mentees"]
    shown = " ".join(m.value for m in at.markdown)
    assert "XLSX workbook, sheet 'Mentees' of 2, 3 rows" in shown
    notes = " ".join(i.value for i in at.info).replace("\\", "")  # shown as escaped text
    assert "Skipped above the header: row 1" in notes and "The header is row 3" in notes
    # Another sheet: its header fits nothing, and the mapping says so.
    _sheet_box(at).select("Instructions").run()
    assert any("The column mapping needs you" in e.value for e in at.error)
    assert at.button(key="upload_commit").disabled
    _sheet_box(at).select("Mentees").run()
    at.button(key="upload_commit").click().run()
    assert not at.exception, at.exception
    assert any("3 new" in s.value for s in at.success), [s.value for s in at.success]
    assert _mentees(app_env) == [
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


def test_the_mapping_pickers_show_labels_not_field_names(app_env):
    at = _upload(_page("mentees", "cohort-2"), "afc_band_headers.csv", "text/csv")
    picker = at.selectbox(key="upload_map_0_mentees")
    assert picker.value == "full_name"
    assert "Full name (required)" in picker.options and "Career stage" in picker.options
    assert not any("_" in option or option.endswith(" *") for option in picker.options)
    # The look-alike stops the import until it is mapped or ignored, and the page says why.
    assert at.selectbox(key="upload_map_3_mentees").value == "(choose: map or ignore)"
    captions = " ".join(c.value for c in at.caption)
    assert "looks like **career stage**" in captions
    assert at.button(key="upload_commit").disabled


def test_a_teams_report_imports_as_attendance_on_the_page_with_no_mapping(app_env):
    from casson import importer
    from casson.platform import db

    con = db.connect(app_env)  # the report's people, as mentees and a mentor of cohort-2
    for kind, rows in (("mentees", build.MENTEES), ("mentors", [build.MENTOR])):
        text = "\r\n".join(",".join(r) for r in [build.MENTEE_HEADER, *rows]).encode()
        assert importer.run(con, kind, text, cohort="cohort-2", file_name=f"{kind}.csv").written
    con.close()
    at = _upload(_page("attendance", "cohort-2"), "teams_attendance_storytelling.csv", "text/csv")
    shown = " ".join(m.value for m in at.markdown)
    assert (
        "Microsoft Teams attendance report (UTF-16, tab-delimited), read with no mapping" in shown
    )
    notes = " ".join(i.value for i in at.info).replace("\\", "")  # shown as escaped text
    assert "sam.visitor@example.org" in notes and "Alex Coordinator" in notes
    assert not at.error, [e.value for e in at.error]
    at.button(key="upload_commit").click().run()
    assert any("3 new" in s.value for s in at.success), [s.value for s in at.success]
    with duckdb.connect(str(app_env)) as c:
        assert c.execute(
            "SELECT per.email_key FROM attendance a JOIN sessions s ON "
            "s.id = a.session_id JOIN people per ON per.id = a.person_id WHERE "
            "s.cohort_id = 'cohort-2' AND s.title = 'Storytelling' AND "
            "per.email_key IN (SELECT email_key FROM people WHERE full_name IN "
            "('Nia Okafor', 'Owen Price', 'Ruth Mensah', 'Sam Visitor', "
            "'Alex Coordinator')) ORDER BY 1"
        ).fetchall() == [
            ("nia.okafor@example.org",),
            ("owen.price@example.org",),
            ("ruth.mensah@example.org",),
        ]


def test_an_encrypted_workbook_is_said_alone_as_what_is_wrong_and_what_to_do(app_env):
    at = _upload(_page("mentees", "cohort-2"), "encrypted_workbook.xlsx")
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    assert "encrypted or protected" in errors[0] and "save an unprotected copy" in errors[0]
    assert "rows" not in errors[0]
