"""Cohorts without the page: `cohort add` / `cohort list`, the domain's refusals and audit row,
and `import` into an unknown cohort naming the command that creates it."""

from datetime import date

import duckdb
import pytest

from casson import cohorts
from casson.cli import main


def test_cohort_add_creates_it_with_its_dates_and_an_audit_row(demo_db, capsys):
    code = main(["cohort", "add", "cohort-7", "--name", "Cohort 7 (2027-28)", "--starts", "01/09/2027",
                 "--ends", "2028-06-30", "--db", str(demo_db)])
    assert code == 0, capsys.readouterr().err
    with duckdb.connect(str(demo_db), read_only=True) as c:
        assert c.execute("SELECT id, name, starts_on, ends_on FROM cohorts WHERE id = 'cohort-7'").fetchone() == (
            "cohort-7", "Cohort 7 (2027-28)", date(2027, 9, 1), date(2028, 6, 30))
        assert c.execute("SELECT actor LIKE 'cli%', entity, entity_id FROM audit_log "
                         "WHERE action = 'cohort.add'").fetchall() == [(True, "cohort", "cohort-7")]


def test_cohort_list_shows_every_cohort_with_its_numbers(demo_db, capsys):
    assert main(["cohort", "list", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    pilot = [line for line in lines if line.startswith("pilot-2021\t")]
    assert pilot and "34 mentors, 54 mentees" in pilot[0]


@pytest.mark.parametrize(("args", "message"), [
    (["cohort", "add", "pilot-2021", "--name", "Again"], "already a cohort 'pilot-2021'"),
    (["cohort", "add", "c-8", "--name", "C8", "--starts", "2027-09-01", "--ends", "2027-01-01"],
     "cannot end before it starts"),
    (["cohort", "add", "c-9", "--name", "C9", "--starts", "31/02/2027"], "not a real date"),
])
def test_cohort_add_refuses_with_one_plain_line(demo_db, capsys, args, message):
    code = main([*args, "--db", str(demo_db)])
    err = capsys.readouterr().err
    assert code in (1, 2) and message in err and "Traceback" not in err
    with duckdb.connect(str(demo_db), read_only=True) as c:
        assert c.execute("SELECT count(*) FROM cohorts WHERE id IN ('c-8', 'c-9')").fetchone() == (0,)


def test_the_domain_refuses_an_empty_id_or_name(con):
    with pytest.raises(cohorts.CohortError, match="needs an id and a name"):
        cohorts.add(con, " ", "Name")
    assert cohorts.get(con, "pilot-2021")["name"]


def test_import_into_an_unknown_cohort_names_the_command_that_creates_it(demo_db, tmp_path, capsys):
    f = tmp_path / "mentees.csv"
    f.write_text("full_name,email,region\nAda New,ada.new@example.org,Wales\n")
    assert main(["import", "mentees", str(f), "--cohort", "cohort-3", "--db", str(demo_db)]) == 1
    assert "python -m casson cohort add cohort-3 --name NAME" in capsys.readouterr().err


def test_export_accepts_every_table_of_the_schema(demo_db, capsys):
    with duckdb.connect(str(demo_db), read_only=True) as c:
        tables = [r[0] for r in c.execute("SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = 'main' AND table_type = 'BASE TABLE'").fetchall()]
        people = c.execute("SELECT count(*) FROM people").fetchone()[0]
    assert "people" in tables and "import_mappings" in tables
    for table in tables:
        assert main(["export", table, "--db", str(demo_db)]) == 0, table
        out = capsys.readouterr().out
        assert out.splitlines(), table  # at least the header row
        if table == "people":
            assert len(out.splitlines()) == people + 1
            assert out.splitlines()[0].startswith("id,full_name,email,email_key")
