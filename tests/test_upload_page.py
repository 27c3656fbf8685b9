"""The Upload page, driven through AppTest's file_uploader: errors shown, nothing written;
the fixed file imports; templates download; trustees never reach it."""

import duckdb
import pytest

from tests.conftest import signed_in_app

BAD = (b"full_name,email,region,career_stage\n"
       b"Ada Upload,ada.upload@example.org,Wales,early career\n"
       b"Bea Upload,bea.upload@example,Mars,student\n")
FIXED = (b"full_name,email,region,career_stage\n"
         b"Ada Upload,ada.upload@example.org,Wales,early career\n"
         b"Bea Upload,bea.upload@example.org,North West,student\n")


def _mentees(dbfile, cohort="cohort-2"):
    with duckdb.connect(str(dbfile)) as c:  # the app in this process holds the file
        return c.execute("SELECT count(*) FROM participants WHERE cohort_id = ? AND "
                         "role = 'mentee'",
                         [cohort]).fetchone()[0]


def _errors(at):
    """The error table: the dataframe with row, column, value and reason."""
    found = [d.value for d in at.dataframe if "reason" in d.value.columns]
    assert found, "no error table on the page"
    return found[0]


def _file(at):
    """The page's one file uploader (its key changes whenever the page clears the file)."""
    assert len(at.file_uploader) == 1
    return at.file_uploader[0]


def _has_import_button(at):
    return any(b.key == "upload_commit" for b in at.button)


def _upload_page(role="staff"):
    at = signed_in_app(role).run()
    at.switch_page("views/upload.py").run()
    return at


def _choose(at, kind="mentees", cohort="cohort-2"):
    at.selectbox(key="upload_kind").select(kind).run()
    at.selectbox(key="upload_cohort").select(cohort).run()
    return at


def test_a_file_with_errors_shows_the_error_table_and_writes_nothing(app_env):
    before = _mentees(app_env)
    at = _choose(_upload_page())
    _file(at).upload("mentees.csv", BAD, "text/csv").run()
    assert not at.exception
    table = _errors(at)
    assert set(table["column"]) == {"email", "region"}
    assert set(table["row"]) == {3}
    assert "bea.upload@example" in set(table["value"])
    assert any("nothing has been written" in e.value for e in at.error)
    assert at.button(key="upload_commit").disabled
    assert _mentees(app_env) == before


def test_the_fixed_file_imports(app_env):
    before = _mentees(app_env)
    at = _choose(_upload_page())
    _file(at).upload("mentees.csv", BAD, "text/csv").run()
    _file(at).set_value(("mentees.csv", FIXED, "text/csv")).run()
    assert not at.exception
    assert [m.value for m in at.metric][1] == "2"  # new
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert any("2 new" in s.value for s in at.success)
    assert _mentees(app_env) == before + 2


def test_valid_rows_only_imports_the_good_row_and_offers_the_bad_ones(app_env):
    before = _mentees(app_env)
    at = _choose(_upload_page())
    _file(at).upload("mentees.csv", BAD, "text/csv").run()
    at.checkbox(key="upload_valid_only").check().run()
    at.button(key="upload_commit").click().run()
    assert not at.exception
    assert any("1 rows not imported" in s.value for s in at.success)
    offered = [b for b in at.get("download_button") if b.key == "upload_bad_rows"]
    assert offered and offered[0].label.startswith("Download the rows not imported")
    assert _mentees(app_env) == before + 1


def test_a_new_cohort_can_be_created_on_the_page_and_imported_into(app_env):
    at = _upload_page()
    at.selectbox(key="upload_kind").select("mentees").run()
    at.selectbox(key="upload_cohort").select("__new__").run()
    at.text_input(key="upload_new_cohort_id").input("cohort-9")
    at.text_input(key="upload_new_cohort_name").input("Cohort 9")
    at.button(key="upload_new_cohort_create").click().run()
    assert not at.exception
    assert at.selectbox(key="upload_cohort").value == "cohort-9"
    _file(at).upload("mentees.csv", FIXED, "text/csv").run()
    at.button(key="upload_commit").click().run()
    assert _mentees(app_env, "cohort-9") == 2


def test_the_mapping_can_be_overridden_per_column(app_env):
    text = b"Person,Mail,Where\nCy Map,cy.map@example.org,Wales\n"
    at = _choose(_upload_page())
    _file(at).upload("odd.csv", text, "text/csv").run()
    assert _errors(at)["reason"].str.contains("No column is mapped to").all()
    at.selectbox(key="upload_map_0_mentees").select("full_name").run()
    at.selectbox(key="upload_map_1_mentees").select("email").run()
    at.selectbox(key="upload_map_2_mentees").select("region").run()
    assert not at.exception
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert _mentees(app_env) > 0 and any("1 new" in s.value for s in at.success)


def test_trustees_are_refused_the_upload_page_on_the_server(app_env):
    at = signed_in_app("trustee", "views/upload.py").run()
    assert any("not available" in e.value for e in at.error)
    assert not at.file_uploader


def test_the_template_of_each_kind_is_offered_for_download(app_env):
    at = _upload_page()
    for kind in ("mentors", "bids", "attendance"):
        at.selectbox(key="upload_kind").select(kind).run()
        assert at.get("download_button")[0].label == f"Download the {kind} template (CSV)"


def test_names_and_headers_from_the_file_are_shown_as_text_not_markup(app_env):
    text = (b"full_name,email,region,[click](javascript:alert(1))\n"
            b"<script>alert(1)</script>,xss@example.org,Wales,x\n")
    at = _choose(_upload_page())
    _file(at).upload("*bold*<b>.csv", text, "text/csv").run()
    assert not at.exception
    shown = [m.value for m in at.markdown if ".csv" in m.value][0]
    assert shown.startswith("**\\*bold\\*\\<b\\>\\.csv**")
    note = [i.value for i in at.info if "Not imported, as nothing" in i.value][0]
    assert "\\[click\\]\\(javascript" in note
    assert at.selectbox(key="upload_map_3_mentees").label.startswith("\\[click\\]")
    at.button(key="upload_commit").click().run()
    assert _mentees(app_env) > 0


def test_a_new_file_starts_from_its_own_automatic_mapping(app_env):
    at = _choose(_upload_page())
    _file(at).upload("a.csv", FIXED, "text/csv").run()
    # career_stage ignored for a.csv
    at.selectbox(key="upload_map_3_mentees").select("(ignore)").run()
    other = FIXED.replace(b"Ada Upload", b"Ada Other")
    _file(at).set_value(("b.csv", other, "text/csv")).run()
    assert at.selectbox(key="upload_map_3_mentees").value == "career_stage"


# -- every kind's template through the page (issue 12) ---------------------------------------
TEMPLATE_CHECKS = {  # kind -> (cohort, a query of the stored example row)
    "mentors": ("pilot-2021",
                "SELECT per.full_name, p.capacity FROM participants p JOIN people per "
                "ON per.id = p.person_id WHERE per.email_key = 'jo.example@example.org' AND "
                "p.role = 'mentor'"),
    "mentees": ("cohort-2", "SELECT per.full_name, p.goals FROM participants p JOIN people per "
                "ON per.id = p.person_id WHERE per.email_key = 'jo.example@example.org' AND "
                "p.role = 'mentee'"),
    "survey": ("cohort-2", "SELECT role, would_recommend FROM survey_responses WHERE comments = "
               "'My mentor helped me find my voice.' AND cohort_id = 'cohort-2'"),
    "bids": (None, "SELECT status, amount_requested FROM bids WHERE reference = 'LP-2026-001'"),
    "courses": (None, "SELECT format, level FROM courses WHERE provider = 'Example University'"),
    "coaches": (None, "SELECT kind, offers FROM coaches WHERE name = 'Jo Example'"),
    "attendance": ("cohort-2",
                   "SELECT count(*) FROM attendance a JOIN people p ON p.id = a.person_id "
                   "WHERE p.email_key = 'jo.example@example.org'"),
}
TEMPLATE_ROWS = {"mentors": ("Jo Example", 2),
                 "mentees": ("Jo Example", "Build confidence in leading my team"),
                 "survey": ("mentee", 5), "bids": ("received", 9500),
                 "courses": ("online", "programme"),
                 "coaches": ("ot_specialist", "coaching; mentoring"), "attendance": (1,)}


@pytest.mark.parametrize("kind", list(TEMPLATE_CHECKS))
def test_every_kinds_template_uploads_and_imports_through_the_page(app_env, kind):
    from casson import importer
    from casson.platform import db

    if kind == "attendance":  # the example person must exist to have attended
        con = db.connect(app_env)
        importer.run(con, "mentees", importer.template_csv("mentees"), actor="t", cohort="cohort-2")
        con.close()
    cohort, check = TEMPLATE_CHECKS[kind]
    at = _upload_page()
    at.selectbox(key="upload_kind").select(kind).run()
    if cohort:
        at.selectbox(key="upload_cohort").select(cohort).run()
    _file(at).upload(f"{kind}-template.csv", importer.template_csv(kind), "text/csv").run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    at.button(key="upload_commit").click().run()
    assert not at.exception, at.exception
    assert any("1 new" in s.value for s in at.success), [s.value for s in at.success]
    with duckdb.connect(str(app_env)) as c:
        assert c.execute(check).fetchone() == TEMPLATE_ROWS[kind]


# -- page state: kind or cohort changes clear the file; a commit resets the preview ----------
def test_changing_the_kind_or_the_cohort_clears_the_attached_file(app_env):
    before = _mentees(app_env)
    at = _choose(_upload_page())
    _file(at).upload("people.csv", FIXED, "text/csv").run()
    assert _has_import_button(at)
    at.selectbox(key="upload_kind").select("mentors").run()
    assert _file(at).value is None and not _has_import_button(at)
    at.selectbox(key="upload_cohort").select("cohort-2").run()
    _file(at).upload("people.csv", FIXED, "text/csv").run()
    at.selectbox(key="upload_cohort").select("pilot-2021").run()
    assert _file(at).value is None and not at.metric
    assert _mentees(app_env) == before  # nothing imported by any of it


def test_after_a_commit_the_preview_resets_and_the_file_cannot_be_imported_twice(app_env):
    before = _mentees(app_env)
    at = _choose(_upload_page())
    _file(at).upload("mentees.csv", FIXED, "text/csv").run()
    at.button(key="upload_commit").click().run()
    assert any("2 new" in s.value for s in at.success)
    assert _file(at).value is None and not at.metric and not _has_import_button(at)
    # The same file again in this session: its import button is disabled.
    _file(at).upload("mentees.csv", FIXED, "text/csv").run()
    assert at.button(key="upload_commit").disabled
    with duckdb.connect(str(app_env)) as c:
        logged = c.execute("SELECT count(*) FROM imports WHERE file_name = 'mentees.csv' "
                           "AND status = 'committed'").fetchone()[0]
    assert logged == 1 and _mentees(app_env) == before + 2


# -- the mapping: reasons, lookalikes, remembered mappings -----------------------------------
FORMS = (b"ID,Start time,Completion time,Email,Name,What is your full name?,Your "
         b"work email address,"
         b"Which region do you work in?,Themes you can support (tick all that apply),Other themes\n"
         b"1,01/09/2026 09:00,01/09/2026 09:05,anonymous,,Gwen Map,gwen.map@example.org,Wales,"
         b"Confidence;Research;,storytelling\n")


def test_each_choice_shows_why_and_a_lookalike_column_must_be_mapped_or_ignored(app_env):
    at = _choose(_upload_page(), kind="mentors", cohort="cohort-2")
    _file(at).upload("forms.csv", FORMS, "text/csv").run()
    captions = " ".join(c.value for c in at.caption)
    assert "the header says “region” and its values are region names" in captions
    assert "its values are email addresses" in captions
    assert at.selectbox(key="upload_map_9_mentors").value == "(choose: map or ignore)"
    assert any("The column mapping needs you" in e.value for e in at.error)
    assert "Other themes" in set(_errors(at)["value"])
    assert at.button(key="upload_commit").disabled
    at.selectbox(key="upload_map_9_mentors").select("(ignore)").run()
    assert not at.button(key="upload_commit").disabled
    at.button(key="upload_commit").click().run()
    assert any("remembered for files with these headers" in s.value for s in at.success)
    with duckdb.connect(str(app_env)) as c:
        assert c.execute("SELECT p.themes FROM participants p JOIN people per ON "
                         "per.id = p.person_id "
                         "WHERE per.email_key = "
                         "'gwen.map@example.org'").fetchone() == ("confidence; research",)
        assert c.execute("SELECT kind, mapping FROM import_mappings").fetchall() == [
            ("mentors", '{"Other themes": null}')]
        assert c.execute("SELECT count(*) FROM audit_log WHERE action = "
                         "'import_mapping.save'").fetchone() == (1,)


def test_a_remembered_mapping_applies_to_the_next_file_and_can_be_removed(app_env):
    at = _choose(_upload_page(), kind="mentors", cohort="cohort-2")
    _file(at).upload("forms.csv", FORMS, "text/csv").run()
    at.selectbox(key="upload_map_9_mentors").select("(ignore)").run()
    at.button(key="upload_commit").click().run()
    next_year = FORMS.replace(b"Gwen Map,gwen.map", b"Hal Map,hal.map")
    at.selectbox(key="upload_cohort").select("pilot-2021").run()
    _file(at).upload("forms-2027.csv", next_year, "text/csv").run()
    assert at.selectbox(key="upload_map_9_mentors").value == "(ignore)"
    assert not at.button(key="upload_commit").disabled
    assert any("remembered for files with these headers was applied" in i.value for i in at.info)
    forget = [b for b in at.button if str(b.key).startswith("upload_forget_")]
    assert len(forget) == 1
    forget[0].click().run()
    assert not at.exception
    assert not [b for b in at.button if str(b.key).startswith("upload_forget_")]
    with duckdb.connect(str(app_env)) as c:
        assert c.execute("SELECT count(*) FROM import_mappings").fetchone() == (0,)
        assert c.execute("SELECT count(*) FROM audit_log WHERE action = "
                         "'import_mapping.remove'").fetchone() == (1,)
