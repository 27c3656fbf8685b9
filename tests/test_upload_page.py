"""The Upload page, driven through AppTest's file_uploader: errors shown, nothing written;
the fixed file imports; templates download; trustees never reach it."""

import duckdb

from tests.conftest import signed_in_app

BAD = (b"full_name,email,region,career_stage\n"
       b"Ada Upload,ada.upload@example.org,Wales,early career\n"
       b"Bea Upload,bea.upload@example,Mars,student\n")
FIXED = (b"full_name,email,region,career_stage\n"
         b"Ada Upload,ada.upload@example.org,Wales,early career\n"
         b"Bea Upload,bea.upload@example.org,North West,student\n")


def _mentees(dbfile, cohort="cohort-2"):
    with duckdb.connect(str(dbfile)) as c:  # the app in this process holds the file
        return c.execute("SELECT count(*) FROM participants WHERE cohort_id = ? AND role = 'mentee'",
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
    note = [i.value for i in at.info if "Ignored columns" in i.value][0]
    assert "\\[click\\]\\(javascript" in note
    assert at.selectbox(key="upload_map_3_mentees").label.startswith("\\[click\\]")
    at.button(key="upload_commit").click().run()
    assert _mentees(app_env) > 0


def test_a_new_file_starts_from_its_own_automatic_mapping(app_env):
    at = _choose(_upload_page())
    _file(at).upload("a.csv", FIXED, "text/csv").run()
    at.selectbox(key="upload_map_3_mentees").select("(ignore)").run()  # career_stage ignored for a.csv
    other = FIXED.replace(b"Ada Upload", b"Ada Other")
    _file(at).set_value(("b.csv", other, "text/csv")).run()
    assert at.selectbox(key="upload_map_3_mentees").value == "career_stage"
