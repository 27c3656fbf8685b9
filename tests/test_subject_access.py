"""Subject access requests: everything held on one person in one ZIP, nobody else's data in it,
the legal due date, and the same scope as erasure."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from email import message_from_bytes
from email.policy import default as default_policy

import duckdb
import pytest

from casson.mail import sending
from casson.protection import erasure, subject, subject_access


def test_the_answer_is_due_one_calendar_month_after_the_request_arrives():
    due = subject_access.due_date
    assert due(date(2026, 3, 15)) == date(2026, 4, 15)
    assert due(date(2026, 1, 31)) == date(2026, 2, 28)
    assert due(date(2028, 1, 31)) == date(2028, 2, 29)  # a leap year
    assert due(date(2026, 1, 29)) == date(2026, 2, 28)
    assert due(date(2026, 3, 31)) == date(2026, 4, 30)
    assert due(date(2026, 12, 31)) == date(2027, 1, 31)
    assert due(date(2028, 2, 29)) == date(2028, 3, 29)


def _send_programme_email(con) -> None:
    """Introductions for both cohorts and a webinar invitation, into the outbox (no SMTP)."""
    for cohort in ("pilot-2021", "cohort-2"):
        sending.send(con, "staff", sending.compose(con, "introduction", cohort), None)
    sending.send(con, "staff", sending.compose(con, "webinar", "cohort-2"), None)


def _busy_mentee(con) -> dict:
    """A demo mentee with a pair, meetings, a check-in, a survey comment, webinar attendance."""
    row = con.execute("""
        SELECT p.id, p.full_name, p.email FROM people p
        WHERE EXISTS (SELECT 1 FROM participants x WHERE x.person_id = p.id AND x.role = 'mentee')
          AND EXISTS (SELECT 1 FROM survey_responses s WHERE s.person_id = p.id
                      AND s.comments IS NOT NULL)
          AND EXISTS (SELECT 1 FROM participants x JOIN pairs pr ON x.id IN (pr.mentor_id,
                      pr.mentee_id) JOIN meetings m ON m.pair_id = pr.id WHERE x.person_id = p.id)
          AND EXISTS (SELECT 1 FROM participants x JOIN checkins c ON c.participant_id = x.id
                      WHERE x.person_id = p.id AND c.comment IS NOT NULL)
          AND EXISTS (SELECT 1 FROM attendance a WHERE a.person_id = p.id)
        ORDER BY p.id LIMIT 1""").fetchone()
    assert row, "the demo has a mentee with all of these"
    return {"id": row[0], "name": row[1], "email": row[2]}


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _csv(z: zipfile.ZipFile, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(z.read(f"tables/{table}.csv").decode("utf-8-sig"))))


def _expected(con, sql: str, params: list) -> list[dict[str, str]]:
    """Rows as the export writes them: every value as text, None empty."""
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        out.append(
            {
                c: "" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v))
                for c, v in zip(cols, row, strict=True)
            }
        )
    return out


def _assert_rows(z, con, table: str, sql: str, params: list) -> list[dict[str, str]]:
    expected = _expected(con, sql, params)
    assert expected, f"the person has {table} rows"
    got = {r[next(iter(expected[0]))]: r for r in _csv(z, table)}
    for row in expected:
        key = row[next(iter(row))]
        assert key in got, f"{table} row {key} is in the export"
        shown = {c: got[key][c] for c in row if c in got[key]}
        assert shown == {c: v for c, v in row.items() if c in got[key]}, table
        assert got[key]["about_you"] == "yours"
    return expected


def _every_text(z: zipfile.ZipFile) -> str:
    """Every file's bytes as text, and each message as a reader sees it (encodings undone)."""
    parts = []
    for name in z.namelist():
        raw = z.read(name)
        parts.append(raw.decode("utf-8", "replace"))
        if name.endswith(".eml"):
            msg = message_from_bytes(raw, policy=default_policy)
            parts += [str(v) for v in msg.values()]
            parts += [
                str(p.get_content()) for p in msg.walk() if p.get_content_maintype() == "text"
            ]
    return "\n".join(parts).lower()


def _plant_partner_words(con, me: dict) -> list[str]:
    """Staff notes and a check-in comment of the mentee's partners, as staff would enter them."""
    planted = []
    for n, (part,) in enumerate(
        con.execute(
            """
            SELECT o.id FROM participants x JOIN pairs pr ON x.id IN (pr.mentor_id, pr.mentee_id)
            JOIN participants o ON o.id IN (pr.mentor_id, pr.mentee_id) AND o.id <> x.id
            WHERE x.person_id = ?""",
            [me["id"]],
        ).fetchall()
    ):
        note = f"Partner {n} asked for evening calls only"
        said = f"Partner {n} finds {me['name']} hard to pin down"  # names the mentee
        con.execute("UPDATE participants SET notes = ? WHERE id = ?", [note, part])
        con.execute(
            "INSERT INTO checkins (cohort_id, participant_id, fit, comment, submitted_at)"
            " SELECT cohort_id, id, 'unsure', ?, TIMESTAMP '2022-01-05 10:00' "
            "FROM participants WHERE id = ?",
            [said, part],
        )
        planted += [note, said]
    return planted


def test_a_mentees_export_holds_each_of_their_rows_and_nobody_elses_address(con, demo_db):
    _send_programme_email(con)
    me = _busy_mentee(con)
    planted = _plant_partner_words(con, me)
    mine = "SELECT id FROM participants WHERE person_id = ?"
    result = subject_access.export(con, me["email"].upper(), "admin", today=date(2026, 12, 3))
    z = _zip(result.data)
    assert result.matched and "cover.html" in z.namelist()

    _assert_rows(z, con, "people", "SELECT * FROM people WHERE id = ?", [me["id"]])
    _assert_rows(
        z, con, "participants", "SELECT * FROM participants WHERE person_id = ?", [me["id"]]
    )
    pairs = _assert_rows(
        z,
        con,
        "pairs",
        f"SELECT * FROM pairs WHERE mentor_id IN ({mine}) OR mentee_id IN ({mine})",
        [me["id"], me["id"]],
    )
    pair_ids = [int(p["id"]) for p in pairs]
    _assert_rows(
        z, con, "meetings", "SELECT * FROM meetings WHERE list_contains(?, pair_id)", [pair_ids]
    )
    _assert_rows(
        z, con, "checkins", f"SELECT * FROM checkins WHERE participant_id IN ({mine})", [me["id"]]
    )
    survey = _assert_rows(
        z, con, "survey_responses", "SELECT * FROM survey_responses WHERE person_id = ?", [me["id"]]
    )
    assert any(s["comments"] for s in survey)
    _assert_rows(z, con, "attendance", "SELECT * FROM attendance WHERE person_id = ?", [me["id"]])
    sent = _assert_rows(
        z, con, "email_log", "SELECT * FROM email_log WHERE person_id = ?", [me["id"]]
    )
    assert {s["template"] for s in sent} >= {"introduction", "webinar"}

    # A partner's name, as part of the pair; never their address, check-in or survey words.
    partners = con.execute(
        f"""
        SELECT pr.id, op.full_name, op.email FROM pairs pr
        JOIN participants o ON o.id IN (pr.mentor_id, pr.mentee_id) AND o.person_id <> ?
        JOIN people op ON op.id = o.person_id
        WHERE pr.mentor_id IN ({mine}) OR pr.mentee_id IN ({mine})""",
        [me["id"], me["id"], me["id"]],
    ).fetchall()
    by_pair = {r["id"]: r["partner_name"] for r in _csv(z, "pairs")}
    assert all(by_pair[str(pid)] == name for pid, name, _ in partners)

    # Every message sent to them is in email/, as it was written (their own address in To).
    files = {s["eml_file"] for s in sent}
    assert {n.removeprefix("email/") for n in z.namelist() if n.startswith("email/")} >= files
    eml = message_from_bytes(z.read(f"email/{sorted(files)[0]}"), policy=default_policy)
    assert me["email"] in str(eml["To"])

    text = _every_text(z)
    others = {
        r[0].lower()
        for r in con.execute(
            "SELECT email FROM people WHERE id <> ? UNION SELECT applicant_email FROM bids "
            "UNION SELECT email FROM interest UNION SELECT recipient FROM email_log",
            [me["id"]],
        ).fetchall()
    } - {me["email"].lower()}
    assert not [e for e in others if e in text]
    assert subject_access.WITHHELD_ADDRESS.lower() in text  # the introductions named partners

    def words(other: str) -> set[str]:
        return {
            r[0]
            for r in con.execute(
                f"""
            SELECT c.comment FROM checkins c JOIN participants x ON x.id = c.participant_id
            WHERE x.person_id {other} ? AND c.comment IS NOT NULL
            UNION SELECT comments FROM survey_responses WHERE person_id {other} ?
            UNION SELECT notes FROM participants WHERE person_id {other} ?
            """,
                [me["id"]] * 3,
            ).fetchall()
            if r[0]
        }

    # The demo reuses a few phrases: only words nobody else's own are looked for.
    theirs = words("<>") - words("=")
    assert planted and theirs >= set(planted)
    assert not [w for w in theirs if w.lower() in text]
    # A partner's check-in that names the mentee is there (erasure scrubs it), its words withheld.
    named = [r for r in _csv(z, "checkins") if r["about_you"] == "mentions you (comment)"]
    assert named and all(r["comment"] == subject_access.WITHHELD_WORDS for r in named)

    cover = z.read("cover.html").decode()
    assert "3 December 2026" in cover and "3 January 2027" in cover
    assert "6 years" in cover and "survey_responses.csv" in cover


def test_an_address_that_matches_nobody_gets_an_export_saying_so(con):
    result = subject_access.export(
        con, "Nobody.Here@example.org ", "admin", received=date(2026, 1, 31), today=date(2026, 2, 2)
    )
    z = _zip(result.data)
    assert not result.matched and z.namelist() == ["cover.html"]
    cover = z.read("cover.html").decode()
    assert "nobody.here@example.org" in cover and "no personal" in cover
    assert "28 February 2026" in cover
    assert "No record holds nobody.here@example.org" in result.summary
    logged = subject_access.requests(con, date(2026, 3, 1))
    assert [
        (r["email"], r["matched"], r["received_on"], r["due_on"], r["sent_on"], r["sent_by"])
        for r in logged
    ] == [
        (
            "Nobody.Here@example.org",
            False,
            date(2026, 1, 31),
            date(2026, 2, 28),
            date(2026, 2, 2),
            "admin",
        )
    ]


def test_the_log_shows_overdue_requests_and_every_export_is_audited(con):
    me = _busy_mentee(con)
    late = subject_access.log_request(con, me["email"], "staff", date(2026, 1, 31))
    fresh = subject_access.log_request(con, "someone@example.org", "staff", date(2026, 2, 20))
    assert [r["id"] for r in subject_access.overdue(con, date(2026, 3, 1))] == [late]
    assert subject_access.overdue(con, date(2026, 2, 28)) == []
    result = subject_access.export(con, me["email"], "admin", today=date(2026, 3, 2))
    assert result.request_id == late  # the open request is the one answered
    assert [r["id"] for r in subject_access.overdue(con, date(2026, 3, 25))] == [fresh]
    rows = con.execute(
        "SELECT actor, entity, entity_id, CAST(detail AS VARCHAR) FROM audit_log "
        "WHERE action = 'subject_access.export'"
    ).fetchall()
    assert [(a, e, i) for a, e, i, _ in rows] == [("admin", "subject_access_request", str(late))]
    assert me["email"] not in rows[0][3] and me["name"] not in rows[0][3]
    assert f'"rows": {result.rows}' in rows[0][3]


def _state_sql(tables: list) -> str:
    """One statement reading every row of every table as (table, key as text, hash of the row):
    one round trip, not one a table, since it runs twice for each of 200-odd people."""
    parts = []
    for t in tables:
        key = ", ".join(f'CAST("{k}" AS VARCHAR)' for k in t.key)
        parts.append(
            f"SELECT '{t.name}' AS t, list_value({key}) AS k, hash(x) AS h FROM \"{t.name}\" x"
        )
    return " UNION ALL ".join(parts)


def _summary_sql(tables: list) -> str:
    """Every table as (table, rows, sum of row hashes): a cheap first look at which tables an
    erasure changed, so that only those are read row by row."""
    return " UNION ALL ".join(
        f"SELECT '{t.name}' AS t, count(*) AS n, sum(hash(x)) AS s FROM \"{t.name}\" x"
        for t in tables)


def _as_text(key: tuple) -> tuple:
    return tuple(None if v is None else str(v) for v in key)


def _demo_addresses(con) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT email_key FROM people UNION SELECT lower(trim(applicant_email)) FROM bids "
            "UNION SELECT email_key FROM interest ORDER BY 1"
        ).fetchall()
    ]


def test_every_row_erasure_would_change_is_about_the_person_for_every_demo_person(con):
    _send_programme_email(con)
    tables = subject.tables(con)
    summary = _summary_sql(tables)
    totals = {t: (n, h) for t, n, h in con.execute(summary).fetchall()}
    before = {(t, tuple(k)): h for t, k, h in con.execute(_state_sql(tables)).fetchall()}
    people = _demo_addresses(con)
    assert len(people) > 200
    missing, changes = {}, 0
    for email in people:
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            about = {
                (f.table.name, _as_text(k))
                for f in subject.rows_about(cur, subject.find(cur, email))
                for k in f.row_keys()
            }
            erasure.erase_within(cur, [email], "test")
            now = {t: (n, h) for t, n, h in cur.execute(summary).fetchall()}
            touched = [t for t in tables if now[t.name] != totals[t.name]]
            after = ({(t, tuple(k)): h for t, k, h in cur.execute(_state_sql(touched)).fetchall()}
                     if touched else {})
        finally:
            cur.execute("ROLLBACK")
            cur.close()
        names = {t.name for t in touched}
        changed = {row for row, h in before.items() if row[0] in names and after.get(row) != h}
        changes += len(changed)
        if changed - about:
            missing[email] = sorted(changed - about)[:3]
    assert changes > len(people)  # erasure did change rows: the check checks something
    assert not missing, f"rows erasure changes that are not the person's: {missing}"


def test_the_exports_tables_are_exactly_the_rows_about_the_person(con):
    _send_programme_email(con)
    me = _busy_mentee(con)
    applicant = con.execute(
        "SELECT applicant_email FROM bids b WHERE EXISTS (SELECT 1 FROM "
        "bid_reviews r WHERE r.bid_id = b.id) LIMIT 1"
    ).fetchone()[0]
    registered = con.execute(
        "SELECT email FROM interest WHERE person_id IS NULL LIMIT 1"
    ).fetchone()[0]
    for email in (me["email"], applicant, registered):
        subject_access.log_request(con, email, "staff")  # so the export adds no row about them
        about = subject.rows_about(con, subject.find(con, email))
        z = _zip(subject_access.export(con, email, "admin").data)
        exported = {}
        for name in z.namelist():
            if name.startswith("tables/"):
                table = next(f.table for f in about if f"tables/{f.table.name}.csv" == name)
                rows = csv.DictReader(io.StringIO(z.read(name).decode("utf-8-sig")))
                exported[table.name] = {tuple(r[k] for k in table.key) for r in rows}
        assert exported == {
            f.table.name: {tuple("" if v is None else str(v) for v in k) for k in f.row_keys()}
            for f in about
        }
        assert {"people", "bids", "interest"} & set(exported)


def test_every_table_with_a_person_column_is_declared(con):
    # A later migration's table (links, reminders, letters) with a person_id, pair_id, bid_id
    # or email column needs a line in casson/protection/rules.py saying how it is found.
    assert subject.unclassified(con) == {}


def test_a_table_added_later_is_in_the_export_and_named_until_declared(con):
    me = _busy_mentee(con)
    con.execute(
        "CREATE TABLE later_reminders (id INTEGER PRIMARY KEY, person_id BIGINT, "
        "purpose VARCHAR, due_on DATE)"
    )
    con.execute("CREATE TABLE later_letters (id INTEGER PRIMARY KEY, to_email VARCHAR, "
                "body VARCHAR)")
    con.execute(
        "INSERT INTO later_reminders VALUES (1, ?, 'checkin', DATE '2022-01-10'), "
        "(2, -1, 'survey', DATE '2022-02-10')",
        [me["id"]],
    )
    con.execute(
        "INSERT INTO later_letters VALUES (1, ?, 'Your award'), (2, 'x@example.org', 'No')",
        [me["email"].upper()],
    )
    con.execute(
        "CREATE TABLE later_links (id INTEGER PRIMARY KEY, purpose VARCHAR, subject_id BIGINT)"
    )
    assert subject.unclassified(con) == {
        "later_reminders": ["person_id"],
        "later_letters": ["to_email"],
        "later_links": ["subject_id"],  # what it points at depends on the purpose: a rule says
    }
    z = _zip(subject_access.export(con, me["email"], "admin").data)
    assert [(r["id"], r["purpose"]) for r in _csv(z, "later_reminders")] == [("1", "checkin")]
    assert [(r["id"], r["body"]) for r in _csv(z, "later_letters")] == [("1", "Your award")]


def test_erasure_deletes_exactly_the_messages_the_export_sends(con, demo_db):
    _send_programme_email(con)
    me = _busy_mentee(con)
    z = _zip(subject_access.export(con, me["email"], "admin").data)
    sent = {n.removeprefix("email/") for n in z.namelist() if n.startswith("email/")}
    outbox = sending.outbox_dir(demo_db)
    before = {p.name for p in outbox.glob("*.eml")}
    erasure.erase_person(con, me["email"], "admin")
    assert sent and before - {p.name for p in outbox.glob("*.eml")} == sent


@pytest.mark.parametrize("bad", ["", "not an address"])
def test_a_request_without_an_address_is_refused(con, bad):
    with pytest.raises(subject.SubjectError, match="email address"):
        subject_access.export(con, bad, "admin")
    assert con.execute("SELECT count(*) FROM subject_access_requests").fetchone()[0] == 0


def test_reviewers_names_never_leave_in_an_applicants_export(con):
    from casson.demo.grants import ROUND
    from casson.grants import reviews

    # A bid the demo reviewer has yet to score: they declare and score it through the app's
    # own functions, which audit each step under their name.
    bid_id, email = con.execute(
        "SELECT b.id, b.applicant_email FROM bids b JOIN review_assignments a ON a.bid_id = b.id "
        "AND a.reviewer = 'reviewer' WHERE NOT EXISTS (SELECT 1 FROM bid_reviews r WHERE "
        "r.bid_id = b.id AND r.reviewer = 'reviewer') ORDER BY b.id LIMIT 1"
    ).fetchone()
    reviews.declare(con, "reviewer", ROUND, bid_id, conflict=False)
    criteria = reviews.rubric(con)
    reviews.save_review(
        con,
        "reviewer",
        ROUND,
        bid_id,
        scores={c.key: 4 for c in criteria},
        recommendation="fund",
        comment="A clear, costed plan.",
    )
    assert (
        con.execute(
            "SELECT count(*) FROM audit_log WHERE actor = 'reviewer' AND "
            "entity = 'bid' AND entity_id = ?",
            [str(bid_id)],
        ).fetchone()[0]
        == 2
    )
    z = _zip(subject_access.export(con, email, "admin").data)
    reviewed = _csv(z, "bid_reviews")
    expected = con.execute(
        "SELECT id, recommendation, CAST(weighted_score AS VARCHAR), comment "
        "FROM bid_reviews WHERE bid_id = ? ORDER BY id",
        [bid_id],
    ).fetchall()
    assert [
        (int(r["id"]), r["recommendation"], r["weighted_score"], r["comment"]) for r in reviewed
    ] == [(i, rec, w, c or "") for i, rec, w, c in expected]
    assert "reviewer" not in reviewed[0] and "A clear, costed plan." in str(reviewed)
    trail = [r for r in _csv(z, "audit_log") if r["action"].startswith("review.")]
    assert {r["action"] for r in trail} == {"review.declare", "review.save"}
    assert all(r["actor"] == r["detail"] == subject_access.WITHHELD_REVIEWER for r in trail)
    names = {
        r[0]
        for r in con.execute(
            "SELECT reviewer FROM bid_reviews UNION SELECT reviewer FROM review_assignments "
            "UNION SELECT reviewer FROM bid_conflicts"
        ).fetchall()
    }
    cells = {
        v
        for name in z.namelist()
        if name.startswith("tables/")
        for row in _csv(z, name.removeprefix("tables/").removesuffix(".csv"))
        for v in row.values()
    }
    assert names == {"reviewer", "panel.trustee", "assessor.ext"} and not names & cells
    words = set(re.findall(r"[\w.-]+", _every_text(z)))
    assert not {"panel.trustee", "assessor.ext"} & words


def test_cli_writes_a_private_zip_and_lists_the_log(demo_db, tmp_path, capsys):
    from casson import cli

    with duckdb.connect(str(demo_db)) as c:
        email = c.execute("SELECT email FROM people ORDER BY id LIMIT 1").fetchone()[0]
    out = tmp_path / "answer.zip"
    assert cli.main(["sar", email, "--out", str(out), "--db", str(demo_db)]) == 0
    assert (out.stat().st_mode & 0o777) == 0o600
    assert "tables/people.csv" in _zip(out.read_bytes()).namelist()
    assert (
        cli.main(
            [
                "sar",
                "late@example.org",
                "--log-only",
                "--received",
                "2026-01-31",
                "--db",
                str(demo_db),
            ]
        )
        == 0
    )
    assert "due 2026-02-28" in capsys.readouterr().out
    assert cli.main(["sar", "list", "--as-of", "2026-03-01", "--db", str(demo_db)]) == 0
    listed = capsys.readouterr().out
    assert "2 subject access request(s); 1 overdue." in listed
    assert "late@example.org: received 2026-01-31, due 2026-02-28, OVERDUE" in listed
    assert cli.main(["sar", email, "--db", str(demo_db)]) == 2  # no --out
    assert cli.main(["sar", "nobody", "--out", str(out), "--db", str(demo_db)]) == 1
