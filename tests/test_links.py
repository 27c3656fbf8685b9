"""Personal links: signed tokens, what each purpose stores, revocation, rate limits, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys

import pytest

from casson.mentoring import attention
from casson.outcomes import kpis
from casson.participants import responses
from casson.platform import links
from tests.conftest import ROOT


def _pair(con, cohort="cohort-2"):
    """An active pair: (pair id, mentor person, mentee person, mentor name, mentee name)."""
    return con.execute(
        "SELECT pr.id, a.person_id, b.person_id, pm.full_name, ps.full_name, pm.email, ps.email "
        "FROM pairs pr JOIN participants a ON a.id = pr.mentor_id "
        "JOIN participants b ON b.id = pr.mentee_id JOIN people pm ON pm.id = a.person_id "
        "JOIN people ps ON ps.id = b.person_id WHERE pr.cohort_id = ? AND pr.status = 'active' "
        "ORDER BY pr.id LIMIT 2",
        [cohort],
    ).fetchall()


def _participant(con, pair_id, role="mentee"):
    return con.execute(
        f"SELECT pa.id, pa.person_id, per.email, per.full_name FROM pairs pr "
        f"JOIN participants pa ON pa.id = pr.{role}_id JOIN people per ON per.id = pa.person_id "
        f"WHERE pr.id = ?",
        [pair_id],
    ).fetchone()


def _token(url: str) -> str:
    return url.split("/respond?t=", 1)[1]


def _issue(con, purpose, subject, person_id, email, **kw):
    token, _ = links.issue(
        con, "staff", purpose, subject, email=email, person_id=person_id, cohort_id="cohort-2", **kw
    )
    return token


def _refused(con, token) -> str:
    with pytest.raises(links.LinkRefused) as caught:
        responses.open_form(con, token)
    assert str(caught.value) == links.REFUSAL  # one plain message whatever went wrong
    return caught.value.why


def test_a_token_carries_its_claims_and_any_changed_character_breaks_its_signature():
    key = b"k" * 32
    claims = links.Claims("checkin", "129", dt.datetime(2030, 1, 1), "nonce")
    token = links.sign(key, claims)
    assert links.read(key, token, now=dt.datetime(2029, 1, 1)) == claims
    for i in range(3, len(token)):
        if token[i] == ".":
            continue
        changed = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
        with pytest.raises(links.LinkRefused):
            links.read(key, changed, now=dt.datetime(2029, 1, 1))
    with pytest.raises(links.LinkRefused):
        links.read(b"another secret", token, now=dt.datetime(2029, 1, 1))


def test_tampered_expired_revoked_used_up_and_another_pairs_tokens_are_refused(con):
    (pair_a, mentor_a, _, *_), (pair_b, *_rest) = _pair(con)
    email = _participant(con, pair_a, "mentor")[2]
    good = _issue(con, "meeting", pair_a, mentor_a, email)
    form = responses.open_form(con, good)
    assert form.purpose == "meeting"
    # one character of the signature changed
    assert _refused(con, good[:-2] + ("x" if good[-2] != "x" else "y") + good[-1]) == "signature"
    # the payload of another pair with this token's signature
    payload = json.loads(links._unb64(good.split(".")[1]))
    other = links._b64(
        json.dumps({**payload, "s": str(pair_b)}, separators=(",", ":"), sort_keys=True).encode()
    )
    assert _refused(con, f"v1.{other}.{good.split('.')[2]}") == "signature"
    # a genuine token for a pair its holder is not in
    assert _refused(con, _issue(con, "meeting", pair_b, mentor_a, email)) == "pair gone"
    expired = _issue(
        con,
        "meeting",
        pair_a,
        mentor_a,
        email,
        now=dt.datetime(2024, 1, 1),
        expires=dt.datetime(2024, 2, 1),
    )
    assert _refused(con, expired) == "expired"
    assert links.revoke_person(con, "staff", mentor_a) == 3
    assert _refused(con, good) == "revoked"
    assert con.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'links.revoke'"
    ).fetchall() == [("staff", '{"links": 3}')]


def test_a_meeting_through_a_link_is_stored_like_staff_entry_with_source_link(con):
    pair_id, mentor_pid, _, mentor_name, mentee_name, mentor_email, _ = _pair(con)[0]
    token = _issue(con, "meeting", pair_id, mentor_pid, mentor_email)
    form = responses.open_form(con, token)
    assert (form.first_name, form.partner_first_name) == (
        mentor_name.split()[0],
        mentee_name.split()[0],
    )
    said = responses.submit(
        con, token, {"met_on": dt.date(2022, 3, 9), "minutes": 45, "format": "phone"}
    )
    assert "9 March 2022" in said
    row = con.execute(
        "SELECT pair_id, met_on, minutes, format, note, source FROM meetings "
        "WHERE pair_id = ? AND met_on = '2022-03-09'",
        [pair_id],
    ).fetchone()
    assert row == (pair_id, dt.date(2022, 3, 9), 45, "phone", None, "link")
    actions = [
        r[0]
        for r in con.execute(
            "SELECT action FROM audit_log WHERE actor LIKE 'link:meeting:%' ORDER BY id"
        ).fetchall()
    ]
    assert actions == ["meeting.log", "link.submit"]
    # a meeting link logs each meeting; the same day twice is the usual duplicate refusal
    with pytest.raises(responses.Refused, match="already logged"):
        responses.submit(con, token, {"met_on": dt.date(2022, 3, 9), "minutes": 45})


def test_a_checkin_link_works_once_and_clears_the_no_checkin_item(con):
    con.execute("UPDATE cohorts SET ends_on = current_date + 30 WHERE id = 'cohort-2'")
    today = dt.date.today()
    flagged = [
        i
        for i in attention.items(con, "cohort-2", today)
        if i.codes == ["no_checkin"]
        and "mentee" in i.reasons[0]
        and "mentor" not in i.reasons[0].split("from the ")[1]
    ]
    pair_id = flagged[0].pair_id
    pid, person_id, email, _ = _participant(con, pair_id)
    url = responses.issue_for_cohort(con, "staff", "cohort-2", "checkin")
    mine = [u for u in url if u["email"] == email]
    assert len(mine) == 1 and mine[0]["url"].startswith("http://localhost:8501/respond?t=v1.")
    token = _token(mine[0]["url"])
    responses.submit(con, token, {"fit": "good", "rating": 4, "comment": "Going well"})
    row = con.execute(
        "SELECT fit, rating, comment, source FROM checkins WHERE participant_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [pid],
    ).fetchone()
    assert row == ("good", 4, "Going well", "link")
    assert pair_id not in {i.pair_id for i in attention.items(con, "cohort-2", today)}
    assert _refused(con, token) == "used up"
    with pytest.raises(links.LinkRefused):
        responses.submit(con, token, {"fit": "good", "rating": 4})
    assert (
        con.execute(
            "SELECT count(*) FROM checkins WHERE participant_id = ? AND source = 'link'", [pid]
        ).fetchone()[0]
        == 1
    )


def test_a_poor_fit_asks_for_a_new_match_and_needs_attention_shows_the_reason(con):
    pair_id = _pair(con)[0][0]
    pid, person_id, email, _ = _participant(con, pair_id)
    token = _issue(con, "checkin", pid, person_id, email)
    with pytest.raises(responses.ResponseError, match="poor"):
        responses.submit(con, token, {"fit": "good", "rating": 4, "rematch": True})
    responses.submit(
        con,
        token,
        {"fit": "poor", "rating": 2, "rematch": True, "rematch_reason": "We never find a time"},
    )
    item = next(
        i for i in attention.items(con, "cohort-2", dt.date(2022, 2, 15)) if i.pair_id == pair_id
    )
    assert "rematch" in item.codes
    assert "the mentee asked for a new match: We never find a time" in item.reasons
    assert con.execute("SELECT reason, source FROM rematch_requests").fetchall() == [
        ("We never find a time", "link")
    ]


def test_survey_answers_through_links_move_the_cohorts_kpis_and_a_second_replaces_the_first(con):
    before = kpis.cohort_kpis(con, "cohort-2")
    assert before["mentee_responses"] == 0
    pair_id = _pair(con)[0][0]
    pid, person_id, email, _ = _participant(con, pair_id)
    token = _issue(con, "survey", pid, person_id, email)
    assert responses.open_form(con, token).role == "mentee"
    answers = {
        "would_recommend": 5,
        "relationship_successful": 4,
        "grew_confidence": 2,
        "career_development": 5,
        "willing_to_mentor": True,
        "comments": "Thank you",
    }
    responses.submit(con, token, answers)
    after = kpis.cohort_kpis(con, "cohort-2")
    assert (
        after["mentee_responses"],
        after["pct_would_recommend"],
        after["pct_grew_confidence"],
        after["mentees_willing_to_mentor"],
    ) == (1, 100.0, 0.0, 1)
    said = responses.submit(con, token, {**answers, "grew_confidence": 5, "comments": "Again"})
    assert "replace" in said
    rows = con.execute(
        "SELECT role, person_id, would_recommend, relationship_successful, "
        "grew_confidence, career_development, willing_to_mentor, comments, source, "
        "import_id FROM survey_responses WHERE cohort_id = 'cohort-2'"
    ).fetchall()
    assert rows == [("mentee", person_id, 5, 4, 5, 5, True, "Again", "link", None)]
    assert kpis.cohort_kpis(con, "cohort-2")["pct_grew_confidence"] == 100.0


def test_my_details_link_updates_the_person_and_their_email_preference(con):
    pair_id = _pair(con)[0][0]
    _, person_id, email, name = _participant(con, pair_id)
    token = _issue(con, "details", person_id, person_id, email)
    form = responses.open_form(con, token)
    assert form.first_name == name.split()[0] and form.current["opted_out"] is False
    responses.submit(
        con,
        token,
        {"region": "Wales", "employer": "Cardiff and Vale UHB", "specialty": "", "opted_out": True},
    )
    assert con.execute(
        "SELECT region, employer, specialty FROM people WHERE id = ?", [person_id]
    ).fetchone() == ("Wales", "Cardiff and Vale UHB", None)
    assert (
        con.execute("SELECT set_by FROM email_opt_outs WHERE person_id = ?", [person_id])
        .fetchone()[0]
        .startswith("link:details:")
    )
    with pytest.raises(responses.ResponseError, match="not a region"):
        responses.submit(con, token, {"region": "Atlantis"})


def test_a_grant_report_link_receives_the_report_once(con):
    report = con.execute(
        "SELECT r.id, b.applicant_name, b.applicant_email FROM bid_reports r "
        "JOIN bids b ON b.id = r.bid_id WHERE r.received_on IS NULL "
        "ORDER BY r.id LIMIT 1"
    ).fetchone()
    token, _ = links.issue(con, "staff", "report", report[0], email=report[2])
    assert responses.open_form(con, token).first_name == report[1].split()[0]
    responses.submit(con, token, {"outcome": "Length of stay down 15%"})
    assert con.execute(
        "SELECT received_on, outcome FROM bid_reports WHERE id = ?", [report[0]]
    ).fetchone() == (dt.date.today(), "Length of stay down 15%")
    assert _refused(con, token) in ("used up", "report gone or received")


def test_the_secret_is_generated_once_into_a_private_file_unless_env_gives_it(tmp_path):
    dbfile = tmp_path / "c.duckdb"
    first = links.secret_for(dbfile, env={}, secrets_file=None)
    path = tmp_path / links.SECRET_FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and len(first) >= 48
    assert links.secret_for(dbfile, env={}, secrets_file=None) == first
    assert links.secret_for(dbfile, env={"CASSON_LINK_SECRET": "from-env"}) == b"from-env"
    toml = tmp_path / "secrets.toml"
    toml.write_text('link_secret = "from-toml"\n')
    assert links.secret_for(dbfile, env={}, secrets_file=toml) == b"from-toml"


def test_the_rate_limit_counts_each_address_in_its_window():
    limit = links.RateLimit(3, 60)
    assert [limit.allow("1.2.3.4", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limit.allow("5.6.7.8", now=3)
    assert limit.allow("1.2.3.4", now=61)


def test_links_command_lists_email_url_and_expiry_as_json(demo_db):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "casson",
            "--db",
            str(demo_db),
            "links",
            "--cohort",
            "cohort-2",
            "--purpose",
            "survey",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(out.stdout)
    import duckdb

    con = duckdb.connect(str(demo_db))
    participants = con.execute(
        "SELECT count(*) FROM participants WHERE cohort_id = 'cohort-2'"
    ).fetchone()[0]
    assert len(found) == participants
    assert set(found[0]) == {"email", "url", "expires"}
    issued = con.execute("SELECT count(*), min(purpose), max(purpose) FROM links_issued").fetchone()
    con.close()
    assert issued == (participants, "survey", "survey")
    assert dt.datetime.fromisoformat(found[0]["expires"]) > dt.datetime.now()


def test_erasure_scrubs_a_persons_links_and_reminders(con, tmp_path):
    from casson.mail import reminders
    from casson.protection import erasure

    plan = reminders.due(con, dt.date(2022, 1, 30))
    reminders.send(con, "cron", plan, None)
    email = plan.due[0].recipient
    person_id = plan.due[0].message.person_id
    _issue(con, "details", person_id, person_id, email)
    erasure.erase_person(con, email, "admin")
    for table, column in (
        ("links_issued", "email"),
        ("reminders_sent", "recipient"),
        ("email_log", "recipient"),
    ):
        found = con.execute(
            f"SELECT count(*) FROM {table} WHERE lower({column}) = lower(?)", [email]
        ).fetchone()[0]
        assert found == 0, f"{table}.{column} still holds the email"
