"""GDPR erasure and retention: the person is gone from every table and from the file's bytes,
while every KPI stays exactly as it was."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest

from casson import cli
from casson.outcomes import kpis
from casson.platform import audit
from casson.protection import erasure
from tests.conftest import signed_in_app


def _pilot_mentee(con):
    return con.execute(
        "SELECT p.id, p.full_name, p.email, pa.id FROM people p "
        "JOIN participants pa ON pa.person_id = p.id "
        "WHERE pa.cohort_id = 'pilot-2021' AND pa.role = 'mentee' ORDER BY p.id LIMIT 1").fetchone()


def _plant_traces(con, pid, name, email, participant_id):
    """Put the person's name and email where histories and free text would hold them."""
    con.execute("UPDATE participants SET goals = ?, notes = ? WHERE id = ?",
                [f"{name} wants to lead", f"call {email}", participant_id])
    con.execute("UPDATE survey_responses SET person_id = ?, comments = ? WHERE id = "
                "(SELECT min(id) FROM survey_responses WHERE cohort_id = 'pilot-2021' AND "
                "role = 'mentee')",
                [pid, f"Thanks from {name}"])
    con.execute("INSERT INTO pair_events (pair_id, cohort_id, actor, action, after_state, reason) "
                "VALUES (1, 'pilot-2021', 'staff', 'pair.create', ?, ?)",
                [json.dumps({"mentee": name, "mentee_email": email}), f"requested by {name}"])
    audit.record(con, "staff", "person.update", "person", pid, {"email": email, "name": name})
    con.execute("INSERT INTO bids (reference, applicant_name, applicant_email, project_title, "
                "amount_requested) VALUES ('ECT-TEST-1', ?, ?, 'A project', 500)",
                [name, email.upper()])
    con.execute("CHECKPOINT")


def _all_kpis(con):
    return json.dumps({c: kpis.cohort_kpis(con, c) for c in kpis.cohort_ids(con)}, sort_keys=True)


def _table_text(con) -> str:
    out = []
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = 'main' AND "
                                "table_type = 'BASE TABLE'").fetchall():
        out.append(repr(con.execute(f'SELECT * FROM "{table}"').fetchall()))
    return "\n".join(out).lower()


def test_erasure_removes_the_person_everywhere_and_keeps_the_kpis(con, demo_db):
    pid, name, email, part = _pilot_mentee(con)
    _plant_traces(con, pid, name, email, part)
    kpis_before = _all_kpis(con)
    pilot_before = json.dumps(kpis.cohort_kpis(con, "pilot-2021"))
    counts_before = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                     for t in ("people", "participants", "pairs", "survey_responses", "attendance")}
    assert email in _table_text(con) and name.lower() in _table_text(con)

    result = erasure.erase_person(con, email.upper(), "admin")

    assert result.person_id == pid and len(result.bids) == 1
    text = _table_text(con)
    assert email not in text and name.lower() not in text
    assert json.dumps(kpis.cohort_kpis(con, "pilot-2021")) == pilot_before
    assert _all_kpis(con) == kpis_before
    assert counts_before == {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                             for t in counts_before}
    linked = con.execute("SELECT count(*) FROM survey_responses WHERE person_id = ?",
                         [pid]).fetchone()[0]
    assert linked == 0
    detail = con.execute("SELECT CAST(detail AS VARCHAR) FROM audit_log WHERE action "
                         "= 'person.erase'").fetchone()[0]
    assert email not in detail and name not in detail
    json.loads(con.execute("SELECT CAST(after_state AS VARCHAR) FROM pair_events "
                           "WHERE action = 'pair.create'").fetchone()[0])  # still valid JSON


def test_after_compaction_the_file_holds_no_bytes_of_the_person(con, demo_db):
    pid, name, email, part = _pilot_mentee(con)
    _plant_traces(con, pid, name, email, part)
    con.close()
    raw = demo_db.read_bytes()
    assert email.encode() in raw  # the test would prove nothing otherwise
    c = duckdb.connect(str(demo_db))
    erasure.erase_person(c, email, "admin")
    c.close()
    erasure.compact(demo_db)
    files = [demo_db, demo_db.with_name(demo_db.name + ".wal")]
    blob = b"".join(f.read_bytes() for f in files if f.exists())
    assert email.encode() not in blob and name.encode() not in blob
    with duckdb.connect(str(demo_db), read_only=True) as again:  # the file still opens, whole
        assert again.execute("SELECT count(*) FROM people").fetchone()[0] == 166


def test_erasing_an_unknown_or_erased_email_is_refused(con):
    with pytest.raises(erasure.ErasureError, match="No person"):
        erasure.erase_person(con, "nobody@example.org", "admin")
    _, _, email, _ = _pilot_mentee(con)
    erasure.erase_person(con, email, "admin")
    with pytest.raises(erasure.ErasureError):
        erasure.erase_person(con, email, "admin")


def test_retention_finds_people_whose_cohorts_ended_long_ago(con):
    assert erasure.retention_due(con, 6, date(2026, 11, 22)) == []
    due = erasure.retention_due(con, 3, date(2026, 11, 22))
    assert due and all(e.endswith("@example.org") for _, e in due)
    pilot_only = erasure.retention_due(con, 5, date(2026, 11, 22))
    before = json.dumps(kpis.cohort_kpis(con, "pilot-2021"))
    done = erasure.apply_retention(con, 5, "retention", date(2026, 11, 22))
    assert len(done) == len(pilot_only)
    assert erasure.retention_due(con, 5, date(2026, 11, 22)) == []
    assert json.dumps(kpis.cohort_kpis(con, "pilot-2021")) == before


def test_retention_erases_everyone_due_in_one_pass_with_traces_and_an_audit_row_each(con):
    due = erasure.retention_due(con, 5, date(2026, 11, 22))
    assert len(due) > 1
    pid, email = due[0]
    name, part = con.execute("SELECT p.full_name, pa.id FROM people p JOIN participants pa "
                             "ON pa.person_id = p.id WHERE p.id = ? LIMIT 1", [pid]).fetchone()
    _plant_traces(con, pid, name, email, part)  # histories and free text that name one of them
    names = [r[0] for r in con.execute(
        "SELECT full_name FROM people WHERE id IN (SELECT unnest(?::INT[]))",
        [[i for i, _ in due]]).fetchall()]
    done = erasure.apply_retention(con, 5, "retention", date(2026, 11, 22))
    assert sorted(r.person_id for r in done) == sorted(i for i, _ in due)
    text = _table_text(con)
    assert not [e for _, e in due if e in text]
    kept = {r[0] for r in con.execute(  # namesakes stay: other people and grant applicants
        "SELECT full_name FROM people UNION SELECT applicant_name FROM bids").fetchall()}
    assert not [n for n in names if n not in kept and n.lower() in text]
    assert name not in kept and name.lower() not in text
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'person.erase' "
                       "AND actor = 'retention'").fetchone()[0] == len(due)
    assert sum(sum(r.changed.values()) for r in done) > 0  # the planted traces were scrubbed


def test_cli_erase_needs_yes_and_then_erases(demo_db, capsys):
    c = duckdb.connect(str(demo_db))
    email = _pilot_mentee(c)[2]
    c.close()
    assert cli.main(["erase", email, "--db", str(demo_db)]) == 1
    assert email.encode() in demo_db.read_bytes()
    assert cli.main(["erase", email, "--db", str(demo_db), "--yes"]) == 0
    assert email.encode() not in demo_db.read_bytes()
    assert cli.main(["erase", "nobody@example.org", "--db", str(demo_db), "--yes"]) == 1
    out = capsys.readouterr()
    assert email not in out.out and email not in out.err


def test_cli_retention_lists_ids_and_applies(demo_db, capsys):
    assert cli.main(["retention", "--db", str(demo_db)]) == 0
    assert "0 person(s)" in capsys.readouterr().out
    assert cli.main(["retention", "--db", str(demo_db), "--years", "1"]) == 0
    listed = capsys.readouterr().out
    assert "--apply" in listed and "@" not in listed
    assert cli.main(["retention", "--db", str(demo_db), "--years", "1", "--apply"]) == 0
    assert cli.main(["retention", "--db", str(demo_db), "--years", "1"]) == 0
    assert "0 person(s)" in capsys.readouterr().out.splitlines()[-1]


def test_admin_erases_a_person_on_the_data_protection_page(app_env):
    c = duckdb.connect(str(app_env), read_only=True)
    email = _pilot_mentee(c)[2]
    c.close()
    at = signed_in_app("admin").run()
    at.switch_page("views/erasure.py").run()
    assert not at.exception
    at.text_input(key="erase_email").input(email)
    at.checkbox(key="erase_confirm").check()
    next(b for b in at.button if b.label == "Erase this person").click().run()
    assert not at.exception
    assert any("Erased person" in s.value for s in at.success)
    from ui import data

    data.release_connection()
    assert email.encode() not in app_env.read_bytes()
    at.button(key="backup_now").click().run()
    assert any("Saved" in s.value for s in at.success)


@pytest.mark.parametrize("role", ["staff", "trustee"])
def test_only_admins_reach_the_data_protection_page(app_env, role):
    at = signed_in_app(role, "views/erasure.py").run()
    assert any("not available to your role" in e.value for e in at.error)
    assert not at.text_input
