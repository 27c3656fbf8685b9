"""The import engine: returning people, re-imports, valid-only, round trips of every kind,
XLSX, Forms exports, Windows-1252, the cap, inert values, the log and the size limit."""

import io
import tomllib
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from casson import importer
from casson.importer import reading
from casson.platform import exports
from tests.import_support import last_import_id, table_hashes

ROOT = Path(__file__).resolve().parent.parent
MENTEES = ("full_name,email,region,career_stage,themes,goals\n"
           "Ada Import,ada.import@example.org,Wales,early career,confidence,Lead a team\n"
           "Bea Import,bea.import@example.org,London,student,\"research, storytelling\",\n")


def _count(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def _csv(df: pd.DataFrame) -> bytes:
    return exports.csv_bytes(df)


# -- the basics ----------------------------------------------------------------------------
def test_a_clean_file_is_committed_and_logged(con):
    people = _count(con, "SELECT count(*) FROM people")
    result = importer.run(con, "mentees", MENTEES.encode(), actor="tester", cohort="cohort-2",
                          file_name="new.csv")
    assert (result.status, result.rows_new, result.rows_error) == ("committed", 2, 0)
    assert _count(con, "SELECT count(*) FROM people") == people + 2
    row = con.execute("SELECT p.themes, p.goals, per.region, per.career_stage FROM participants p "
                      "JOIN people per ON per.id = p.person_id WHERE per.email_key = "
                      "'bea.import@example.org'"
                      ).fetchone()
    assert row == ("research; storytelling", None, "London", "student")
    log = con.execute("SELECT actor, kind, file_name, cohort_id, rows_total, rows_new, "
                      "status, file_hash "
                      "FROM imports WHERE id = ?", [result.import_id]).fetchone()
    assert log[:7] == ("tester", "mentees", "new.csv", "cohort-2", 2, 2, "committed")
    assert len(log[7]) == 64
    assert _count(con, "SELECT count(*) FROM audit_log WHERE action = 'import.mentees' "
                       "AND entity_id = ?",
                  str(result.import_id)) == 1


def test_one_bad_row_writes_nothing_at_all(con):
    before_id, before = last_import_id(con), table_hashes(con)
    text = MENTEES + "Cy Import,cy.import@example,Wales,,,\n"
    result = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2")
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [(4, "email")]
    assert table_hashes(con, imports_up_to=before_id) == before


def test_returning_people_are_linked_by_email_ignoring_case(con):
    pilot_mentor = con.execute("SELECT per.id, per.email FROM participants p JOIN people per ON "
                               "per.id = p.person_id WHERE p.cohort_id = 'pilot-2021' AND "
                               "p.role = 'mentor' "
                               "ORDER BY per.id LIMIT 1").fetchone()
    people = _count(con, "SELECT count(*) FROM people")
    con.execute("INSERT INTO cohorts (id, name) VALUES ('cohort-3', 'Cohort 3')")
    text = f"full_name,email,region\nReturning Mentor,{pilot_mentor[1].upper()},Wales\n"
    result = importer.run(con, "mentors", text.encode(), actor="t", cohort="cohort-3")
    assert result.rows_new == 1 and any("returning person" in n for n in result.notes)
    assert _count(con, "SELECT count(*) FROM people") == people
    linked = con.execute("SELECT person_id, capacity FROM participants WHERE "
                         "cohort_id = 'cohort-3'").fetchone()
    assert linked == (pilot_mentor[0], 1)
    assert con.execute("SELECT email, full_name FROM people WHERE id = ?",
                       [pilot_mentor[0]]).fetchone() == (
        pilot_mentor[1], "Returning Mentor")  # details updated, email as first stored


def test_reimporting_the_same_file_changes_nothing(con):
    first = importer.run(con, "mentees", MENTEES.encode(), actor="t", cohort="cohort-2",
                         file_name="a.csv")
    before_id, before = last_import_id(con), table_hashes(con)
    again = importer.run(con, "mentees", MENTEES.encode(), actor="t", cohort="cohort-2",
                         file_name="a.csv")
    assert (again.rows_new, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert any("imported before" in n for n in again.notes)
    after = table_hashes(con, imports_up_to=before_id)
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= {"audit_log"}  # the import's own audit row; no data table moved
    assert first.file_hash == again.file_hash


def test_a_changed_row_is_updated_and_empty_cells_keep_stored_values(con):
    importer.run(con, "mentees", MENTEES.encode(), actor="t", cohort="cohort-2")
    text = "full_name,email,region,goals\nAda Import,ADA.IMPORT@example.org,North West,\n"
    result = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2")
    assert (result.rows_new, result.rows_updated, result.rows_unchanged) == (0, 1, 0)
    assert con.execute("SELECT per.region, p.goals FROM people per JOIN participants p ON "
                       "p.person_id = per.id "
                       "WHERE per.email_key = "
                       "'ada.import@example.org'").fetchone() == ("North West", "Lead a team")


def test_valid_only_writes_the_good_rows_and_returns_the_bad_ones_as_a_file(con):
    text = MENTEES + "Cy Import,cy.import@example,Mars,,,\n"
    result = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2",
                          valid_only=True)
    assert (result.status, result.rows_new, result.rows_error) == ("partial", 2, 1)
    bad = pd.read_csv(io.BytesIO(result.bad_rows), encoding="utf-8-sig")
    assert bad["row"].tolist() == [4] and bad["email"].tolist() == ["cy.import@example"]
    assert "not a valid email" in bad["errors"][0] and "not a known region" in bad["errors"][0]
    assert _count(con,
                  "SELECT count(*) FROM people WHERE email_key LIKE '%.import@example.org'") == 2
    # The fixed bad-rows file imports (its extra `row` and `errors` columns are ignored).
    fixed = bad.assign(email="cy.import@example.org", region="Wales")
    again = importer.run(con, "mentees", _csv(fixed), actor="t", cohort="cohort-2")
    assert (again.status, again.rows_new) == ("committed", 1)


def test_dry_run_writes_nothing_but_the_log(con):
    before_id, before = last_import_id(con), table_hashes(con)
    result = importer.run(con, "mentees", MENTEES.encode(), actor="t", cohort="cohort-2",
                          dry_run=True)
    assert (result.status, result.rows_new) == ("dry_run", 2)
    assert table_hashes(con, imports_up_to=before_id) == before
    assert con.execute("SELECT status FROM imports WHERE id = ?",
                       [result.import_id]).fetchone() == ("dry_run",)


# -- what people's tools produce ----------------------------------------------------------------
def test_windows_1252_semicolons_crlf_and_trailing_blank_rows(con):
    text = ("Full Name;E-mail;Region;Career-Stage\r\n"
            "Zoë Brontë;zoe.bronte@example.org;Yorkshire & Humber;Early Career\r\n"
            ";;;\r\n\r\n")
    prep = importer.prepare(con, "mentees", text.encode("cp1252"), cohort="cohort-2")
    assert (prep.table.encoding, prep.table.delimiter_name) == ("Windows-1252", "semicolon")
    result = importer.commit(con, prep, "t")
    assert result.rows_new == 1 and result.rows_total == 1
    assert con.execute("SELECT full_name, region, career_stage FROM people WHERE email_key = "
                       "'zoe.bronte@example.org'").fetchone() == ("Zoë Brontë",
                                                                  "Yorkshire and the Humber",
                                                                  "early career")


def test_utf8_with_bom_is_read_and_reported(con):
    prep = importer.prepare(con, "mentees", "\ufeff".encode() + MENTEES.encode(), cohort="cohort-2")
    assert prep.table.encoding == "UTF-8 with BOM" and prep.assignment[0] == "full_name"
    assert not prep.errors


def test_xlsx_with_real_dates_and_numbers(con):
    book = openpyxl.Workbook()
    book.active.append(["Reference", "Applicant name", "Applicant email", "Project title",
                        "Amount requested",
                        "Received on"])
    book.active.append(["LP-X-1", "Xan Sheet", "xan@example.org", "Sheet project", 9500,
                        datetime(2024, 4, 5)])
    book.active.append([None] * 6)
    buf = io.BytesIO()
    book.save(buf)
    result = importer.run(con, "bids", buf.getvalue(), actor="t", file_name="bids.xlsx")
    assert result.status == "committed", [e.line() for e in result.errors]
    assert con.execute("SELECT amount_requested, received_on, fund, status FROM bids WHERE "
                       "reference = 'LP-X-1'"
                       ).fetchone() == (9500, datetime(2024, 4, 5).date(), "leadership", "received")


def test_microsoft_forms_survey_export(con):
    book = openpyxl.Workbook()
    book.active.append(["ID", "Start time", "Completion time", "Email", "Name",
                        "Are you a mentor or mentee?",
                        "How strongly do you agree: I would recommend the programme to a colleague",
                        "The mentoring relationship was successful",
                        "The programme helped me grow in confidence",
                        "The programme supported my career development",
                        "Would you be willing to become a mentor?", "Any other comments"])
    book.active.append([1, datetime(2022, 6, 1, 9), datetime(2022, 6, 1, 9, 5), "anonymous", "",
                        "Mentee",
                        "Strongly agree", "Agree", "Strongly agree", "Agree", "Yes", "=1+1"])
    book.active.append([2, datetime(2022, 6, 2, 9), datetime(2022, 6, 2, 9, 5), "anonymous", "",
                        "Mentor",
                        "5", None, None, None, None, "<script>alert(1)</script>"])
    book.active["L2"].data_type = "s"  # Forms writes answers as text, never as formulas
    buf = io.BytesIO()
    book.save(buf)
    prep = importer.prepare(con, "survey", buf.getvalue(), cohort="cohort-2",
                            file_name="forms.xlsx")
    # Anonymous Email and empty Name are Forms' bookkeeping; Completion time is the submission.
    assert set(prep.forms_ignored) == {"ID", "Start time", "Email", "Name"}
    assert prep.assignment[2] == "submitted_at"
    assert not prep.errors, prep.error_list()
    result = importer.commit(con, prep, "t")
    assert result.rows_new == 2
    rows = con.execute("SELECT role, person_id, submitted_at, would_recommend, "
                       "relationship_successful, "
                       "grew_confidence, career_development, willing_to_mentor, comments "
                       "FROM survey_responses WHERE import_id = ? ORDER BY role",
                       [result.import_id]).fetchall()
    assert rows == [("mentee", None, datetime(2022, 6, 1, 9, 5), 5, 4, 5, 4, True, "=1+1"),
                    ("mentor", None, datetime(2022, 6, 2, 9, 5), 5, None, None, None, None,
                     "<script>alert(1)</script>")]


def test_google_forms_csv_export(con):
    text = ("Timestamp,Email address,Role,Would you recommend the programme?,Comments\n"
            "2022/06/01 9:00:00 AM GMT+1,kim.forms@example.org,mentee,4,Good\n")
    result = importer.run(con, "survey", text.encode(), actor="t", cohort="cohort-2")
    assert result.status == "committed", [e.line() for e in result.errors]
    row = con.execute("SELECT role, submitted_at, would_recommend, comments FROM survey_responses "
                      "WHERE import_id = ?", [result.import_id]).fetchone()
    assert row == ("mentee", datetime(2022, 6, 1, 9, 0), 4, "Good")  # Timestamp is submitted_at


def test_mapping_can_be_overridden(con):
    text = "Person,Mail,Where,Shoe size\nCy Map,cy.map@example.org,Wales,9\n"
    assert importer.prepare(con, "mentees", text.encode(),
                            cohort="cohort-2").errors_frame["reason"].str.contains(
        "No column is mapped to").all()
    mapping = {"Person": "full_name", "Mail": "email", "Where": "region"}
    result = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2",
                          mapping=mapping)
    assert result.rows_new == 1 and any("Shoe size" in n for n in result.notes)


# -- bids: the leadership cap ----------------------------------------------------------------------
BIDS = ("reference,applicant_name,applicant_email,project_title,fund,amount_requested,"
        "amount_awarded\n")


@pytest.mark.parametrize("row,ok", [
    ("LP-T-1,A,a@example.org,P,leadership,\"£10,000.00\",10000", True),
    ("LP-T-1,A,a@example.org,P,leadership,10000.01,", False),
    ("LP-T-1,A,a@example.org,P,,£12000,", False),            # the fund defaults to leadership
    ("LP-T-1,A,a@example.org,P,leadership,9000,10500", False),
    ("CPD-T-1,A,a@example.org,P,cpd,12000,12000", True),     # the cap is the leadership fund's
])
def test_the_leadership_cap_applies_to_requested_and_awarded(con, row, ok):
    result = importer.run(con, "bids", (BIDS + row + "\n").encode(), actor="t")
    assert (result.status == "committed") is ok, [e.line() for e in result.errors]
    if not ok:
        assert all("£10,000" in e.reason for e in result.errors)


def test_a_bid_update_moves_the_version_and_is_audited(con):
    ref, version = con.execute("SELECT reference, version FROM bids ORDER BY "
                               "reference LIMIT 1").fetchone()
    result = importer.run(con, "bids", (BIDS + f"{ref},,,,,,\n").encode(), actor="t")
    assert result.status == "rejected"  # required values may not be empty, even for a known bid
    text = BIDS + f"{ref},New Name,new@example.org,New title,,500,\n"
    result = importer.run(con, "bids", text.encode(), actor="tester")
    assert result.rows_updated == 1
    assert con.execute("SELECT applicant_name, version, updated_by FROM bids WHERE reference = ?",
                       [ref]
                       ).fetchone() == ("New Name", version + 1, "tester")
    assert _count(con,
                  "SELECT count(*) FROM audit_log WHERE action = 'bid.import' AND entity_id = ?",
                  ref) == 1


# -- inert values --------------------------------------------------------------------------------
def test_formulas_and_html_are_stored_as_text_and_neutralised_in_exports(con):
    text = ("full_name,email,region\n"
            "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",f1@example.org,Wales\n"
            "<script>alert(1)</script>,f2@example.org,Wales\n")
    importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2")
    stored = dict(con.execute("SELECT email, full_name FROM people WHERE email LIKE "
                              "'f_@example.org'").fetchall())
    assert stored == {"f1@example.org": '=HYPERLINK("http://evil","x")',
                      "f2@example.org": "<script>alert(1)</script>"}
    exported = importer.export_frame(con, "mentees", "cohort-2")
    row = exported[exported["email"] == "f1@example.org"]
    assert row["full_name"].item() == "'=HYPERLINK(\"http://evil\",\"x\")"
    # … and importing that export gives back exactly what was stored.
    again = importer.run(con, "mentees", _csv(exported), actor="t", cohort="cohort-2")
    assert (again.rows_new, again.rows_updated) == (0, 0)


# -- round trips: export then import reproduces the
# same rows ----------------------------------------
def _seed(dst, src):
    for cid, name, starts, ends in src.execute("SELECT id, name, starts_on, "
                                               "ends_on FROM cohorts").fetchall():
        dst.execute("INSERT INTO cohorts (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)",
                    [cid, name, starts, ends])
    for row in src.execute("SELECT cohort_id, title, kind, starts_at, ends_at, "
                           "notes FROM sessions").fetchall():
        dst.execute("INSERT INTO sessions (cohort_id, title, kind, starts_at, ends_at, notes) "
                    "VALUES (?, ?, ?, ?, ?, ?)", list(row))


def _trip(src, dst, kind, cohort=None):
    before = importer.export_frame(src, kind, cohort)
    if before.empty:  # e.g. no survey answers yet in cohort-2
        return None
    result = importer.run(dst, kind, _csv(before), actor="t", cohort=cohort,
                          file_name=f"{kind}.csv")
    assert result.status == "committed", [e.line() for e in result.errors][:5]
    after = importer.export_frame(dst, kind, cohort)
    pd.testing.assert_frame_equal(after, before, check_dtype=False)
    return result


COHORTS = ("pilot-2021", "cohort-2")


@pytest.fixture
def fresh(con, empty_con):
    _seed(empty_con, con)
    return empty_con


@pytest.mark.parametrize("kind",
                         ["mentors", "mentees", "survey", "attendance", "bids", "courses",
                          "coaches"])
def test_round_trip_export_then_import_reproduces_the_rows(con, fresh, kind):
    for people in ("mentors", "mentees"):
        for cohort in COHORTS:
            if kind in ("mentors", "mentees") and people != kind:
                continue
            _trip(con, fresh, people, cohort)
    if kind == "survey":
        for cohort in COHORTS:
            _trip(con, fresh, "survey", cohort)
    elif kind == "attendance":
        _trip(con, fresh, "attendance")
    elif kind not in ("mentors", "mentees"):
        result = _trip(con, fresh, kind)
        assert result.rows_new == len(importer.export_frame(con, kind))
    # … and importing the same export again changes nothing.
    cohort = "pilot-2021" if importer.KINDS[kind].needs_cohort else None
    again = importer.run(fresh, kind, _csv(importer.export_frame(con, kind, cohort)), actor="t",
                         cohort=cohort)
    assert (again.status, again.rows_new, again.rows_updated) == ("committed", 0, 0)
    assert again.rows_unchanged > 0


# -- the size limit and templates
# --------------------------------------------------------------------
def test_the_engine_limit_is_the_pages_upload_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert importer.MAX_UPLOAD_MB == config["server"]["maxUploadSize"] == 50
    assert importer.MAX_BYTES == 50 * 1024 * 1024


def test_a_file_over_the_limit_is_refused_before_it_is_read(con, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 1024)
    big = tmp_path / "big.csv"
    big.write_text(MENTEES * 40)
    result = importer.run(con, "mentees", big, actor="t", cohort="cohort-2")
    assert result.status == "rejected"
    assert "the limit is 50 MB" in result.errors[0].reason


@pytest.mark.parametrize("kind", list(importer.KINDS))
def test_each_template_has_the_canonical_headers_and_an_example_row_that_validates(con, kind):
    importer.run(con, "mentees", importer.template_csv("mentees"), actor="t", cohort="cohort-2")
    frame = pd.read_csv(io.BytesIO(importer.template_csv(kind)), encoding="utf-8-sig", dtype=str)
    assert list(frame.columns) == importer.KINDS[kind].canonical and len(frame) == 1
    # The example person is a mentee of cohort-2: as a mentor, they go into another cohort.
    cohort = "pilot-2021" if kind == "mentors" else "cohort-2"
    if kind == "meetings":  # a meeting belongs to a pair: pair the example mentee first (issue 11)
        from casson.mentoring import pairs
        from casson.platform import queries
        roster = queries.rows(con, "mentoring/pairs_mentor_roster", cohort="cohort-2")
        mentee = con.execute("SELECT p.id FROM participants p JOIN people per ON per.id = "
                             "p.person_id WHERE per.email = 'jo.example@example.org' AND "
                             "p.cohort_id = 'cohort-2'").fetchone()[0]
        mentor = next(r["mentor_id"] for r in roster if r["free"] > 0)
        pairs.create(con, "t", mentor, mentee)
    prep = importer.prepare(con, kind, importer.template_csv(kind), cohort=cohort)
    assert not prep.errors, prep.error_list()


def test_excel_unicode_text_utf16_tab_delimited(con):
    text = MENTEES.replace(",", "\t").replace('"research\t storytelling"', "research; storytelling")
    prep = importer.prepare(con, "mentees", text.encode("utf-16"), cohort="cohort-2")
    assert (prep.table.encoding, prep.table.delimiter_name) == ("UTF-16", "tab")
    assert not prep.errors and prep.counts["new"] == 2


# -- the engine's shape (issue 10) ----------------------------------------------------------
def test_commit_returns_a_new_result_and_leaves_the_prepared_as_it_was(con):
    text = "full_name,email,region\nDot Twice,dot.twice@example.org,Wales\n"
    prep = importer.prepare(con, "mentors", text.encode(), cohort="cohort-2")
    assert not prep.errors
    errors_before, counts_before = prep.errors_frame.copy(), prep.counts
    # Meanwhile Dot becomes a mentee of the cohort: the commit finds it again and refuses.
    importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2")
    result = importer.commit(con, prep, "t")
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [(2, "email")]
    assert "already a mentee of cohort cohort-2" in result.errors[0].reason
    assert prep.errors_frame.equals(errors_before) and prep.counts == counts_before


def test_importer_sql_runs_through_casson_queries_with_its_frames_checked(con):
    from casson.platform import queries

    assert "importer/people_insert" in queries.names()
    assert queries.frames("importer/people_existing") == {"incoming_keys": "email_key VARCHAR"}
    with pytest.raises(TypeError, match="reads frames"):
        queries.df_with(con, "importer/people_existing", {})
    with pytest.raises(TypeError, match="email_key"):
        queries.df_with(con, "importer/people_existing", {"incoming_keys": pd.DataFrame({"x": []})})


# -- mapping from header words and values (issue 10) ------------------------------------------
def test_values_decide_a_column_whose_header_says_nothing(con):
    text = ("Q1,Q2,Q3\nUma Values,uma.values@example.org,Yorkshire & Humber\n"
            "Vic Values,vic.values@example.org,North East\n")
    prep = importer.prepare(con, "mentees", text.encode(), cohort="cohort-2")
    assert [(c.field, c.reason) for c in prep.choices] == [
        (None, "nothing in this format matches it"),
        ("email", "the values are email addresses"), ("region", "the values are region names")]
    # Q1 holds the names but nothing says so: the name column is missing, and the error says where.
    [error] = prep.errors
    assert error.column == importer.MAPPING and "No column is mapped to Full name" in error.reason
    assert '--map "HEADER=full_name"' in error.reason


def test_google_forms_mentors_keep_their_themes_and_capacity(con):
    text = ("Timestamp,Email address,Full name,Which region do you work in?,"
            "Themes you can support (tick all that apply),How many mentees could you take on?\n"
            "2026/09/05 9:30:15 am GMT+1,wyn.forms@example.org,Wyn Forms,Wales,"
            "\"Confidence, Storytelling\",3\n")
    result = importer.run(con, "mentors", text.encode(), actor="t", cohort="cohort-2")
    assert result.status == "committed", [e.line() for e in result.errors]
    assert con.execute("SELECT per.full_name, per.region, p.themes, p.capacity FROM participants p "
                       "JOIN people per ON per.id = p.person_id WHERE per.email_key = "
                       "'wyn.forms@example.org'"
                       ).fetchone() == ("Wyn Forms", "Wales", "confidence; storytelling", 3)


def test_a_role_question_worded_as_a_question_is_the_role_column(con):
    text = "Are you a mentor or a mentee?,I would recommend the programme\nMentee,Agree\n"
    prep = importer.prepare(con, "survey", text.encode(), cohort="cohort-2")
    assert prep.assignment == ["role", "would_recommend"] and not prep.errors


def test_a_mentee_already_a_mentor_of_the_cohort_is_refused_by_row(con):
    mentor = con.execute("SELECT per.full_name, per.email, per.region FROM participants p "
                         "JOIN people per "
                         "ON per.id = p.person_id WHERE p.cohort_id = 'cohort-2' AND "
                         "p.role = 'mentor' "
                         "LIMIT 1").fetchone()
    text = f"full_name,email,region\n{mentor[0]},{mentor[1].upper()},{mentor[2]}\n"
    before_id, before = last_import_id(con), table_hashes(con)
    result = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-2")
    assert result.status == "rejected"
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "email", mentor[1].upper())]
    assert "already a mentor of cohort cohort-2" in result.errors[0].reason
    assert table_hashes(con, imports_up_to=before_id) == before
    # … and into another cohort they are welcome, linked by email.
    from casson.mentoring import cohorts

    cohorts.add(con, "cohort-9", "Cohort 9")
    again = importer.run(con, "mentees", text.encode(), actor="t", cohort="cohort-9")
    assert (again.status, again.rows_new) == ("committed", 1)
    assert any("1 returning person linked by email" in n for n in again.notes)
