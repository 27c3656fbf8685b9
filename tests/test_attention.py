"""Who needs attention: each rule at its boundary, then the list on the demo's cohort-2."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from casson.mentoring import attention, meetings, pairs
from casson.mentoring.attention import Term, Thresholds
from casson.platform import settings

T = Thresholds()
TERM = Term(dt.date(2022, 1, 1), dt.date(2022, 6, 30))  # 180 days: mid-term is 1 April


def day(n: int) -> dt.date:
    return TERM.starts_on + dt.timedelta(days=n)


def test_no_meeting_is_flagged_on_day_21_not_day_20():
    assert attention.no_meeting(TERM, day(20), None, 0, T) is None
    assert attention.no_meeting(TERM, day(21), None, 0, T) == (
        "no meeting logged 21 days into the term (flagged from day 21)")


def test_a_logged_meeting_means_no_flag():
    assert attention.no_meeting(TERM, day(60), None, 1, T) is None


def test_a_pair_formed_late_counts_its_days_from_its_own_start():
    start = day(30)
    assert attention.no_meeting(TERM, day(50), start, 0, T) is None
    assert attention.no_meeting(TERM, day(51), start, 0, T) is not None


def test_rating_2_is_flagged_and_3_is_not():
    assert attention.unhappy("mentee", "good", 3, T) == []
    assert attention.unhappy("mentee", "good", 2, T) == [
        "the mentee rated the mentoring 2 of 5 (2 or less)"]


def test_poor_fit_is_flagged_and_unsure_is_not():
    assert attention.unhappy("mentor", "unsure", None, T) == []
    assert attention.unhappy("mentor", "poor", None, T) == ["the mentor reported a poor fit"]


def test_no_checkin_is_flagged_after_mid_term_only():
    mid = TERM.midterm()
    assert mid == dt.date(2022, 4, 1)  # 180 days / 2 after 1 January
    assert not attention.no_checkin(TERM, mid, False, T)
    assert attention.no_checkin(TERM, mid + dt.timedelta(days=1), False, T)
    assert not attention.no_checkin(TERM, mid + dt.timedelta(days=1), True, T)


def test_over_capacity_is_more_pairs_than_places():
    assert attention.over_capacity(2, 2) is None
    assert attention.over_capacity(3, 2) == "mentor holds 3 pairs for a capacity of 2"


def test_waiting_is_flagged_from_day_14_not_day_13():
    assert attention.waiting(TERM, day(13), T) is None
    assert attention.waiting(TERM, day(14), T) == (
        "mentee still waiting for a mentor 14 days after the cohort started")


def test_thresholds_are_settings(con):
    settings.put(con, "attention_no_meeting_days", "30")
    settings.put(con, "attention_low_rating", "3")
    t = attention.thresholds(con)
    assert (t.no_meeting_days, t.low_rating, t.waiting_days) == (30, 3, 14)
    assert attention.no_meeting(TERM, day(29), None, 0, t) is None
    assert attention.unhappy("mentee", None, 3, t)


AS_OF = dt.date(2022, 1, 20)


def test_demo_cohort_two_needs_attention_for_different_reasons(con):
    found = attention.items(con, "cohort-2", AS_OF)
    codes = {c for i in found for c in i.codes}
    assert {"no_meeting", "poor_fit", "low_rating", "over_capacity", "waiting"} <= codes
    poor = next(i for i in found if "poor_fit" in i.codes)
    assert poor.kind == "pair" and poor.mentor_email.endswith("@example.org")
    assert poor.mentee_email.endswith("@example.org")
    assert poor.reasons == ["the mentee reported a poor fit"]
    assert "re-pair" in poor.actions and "log a meeting" in poor.actions


def test_attention_cli_json_lists_items_with_reasons(demo_db):
    out = subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), "attention",
                          "--cohort", "cohort-2", "--as-of", "2022-01-20", "--json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["cohort"] == "cohort-2" and data["as_of"] == "2022-01-20"
    assert data["count"] == len(data["items"]) > 0
    for item in data["items"]:
        assert item["reasons"] and all(isinstance(r, str) and r for r in item["reasons"])
        assert "mentor_email" in item and "mentee_email" in item
    assert data["by_reason"]["no_meeting"] == 3


def test_attention_cli_text_and_unknown_cohort(demo_db):
    ok = subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), "attention",
                         "--cohort", "cohort-2", "--as-of", "2022-01-20"],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "no meeting logged" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "casson", "--db", str(demo_db), "attention",
                          "--cohort", "nope"], capture_output=True, text=True)
    assert bad.returncode == 1 and "nope" in bad.stderr


def test_importing_a_meeting_clears_the_no_meeting_reason(con):
    flagged = [i for i in attention.items(con, "cohort-2", AS_OF) if "no_meeting" in i.codes]
    target = flagged[0]
    meetings.import_rows(con, "test", "cohort-2", [
        {"row": 2, "email": target.mentee_email.upper(), "met_on": dt.date(2022, 1, 12),
         "minutes": 45, "format": "video"}])
    after = {i.pair_id: i.codes for i in attention.items(con, "cohort-2", AS_OF)}
    assert "no_meeting" not in after.get(target.pair_id, [])
    assert sum("no_meeting" in c for c in after.values()) == len(flagged) - 1


def test_a_re_paired_mentee_is_no_longer_waiting(con):
    waiting = next(i for i in attention.items(con, "cohort-2", AS_OF) if i.kind == "mentee")
    roster = con.execute(
        "SELECT p.id FROM participants p WHERE cohort_id = 'cohort-2' AND role = 'mentor' "
        "AND capacity > (SELECT count(*) FROM pairs x WHERE x.mentor_id = p.id "
        "AND x.status IN ('proposed', 'active')) LIMIT 1").fetchone()
    pid = pairs.create(con, "test", roster[0], waiting.mentee_id, status="active")
    con.execute("UPDATE pairs SET started_on = DATE '2022-01-01' WHERE id = ?", [pid])
    still = [i for i in attention.items(con, "cohort-2", AS_OF) if i.mentee_id == waiting.mentee_id
             and i.kind == "mentee"]
    assert still == []


@pytest.mark.parametrize("as_of", [dt.date(2021, 11, 10)])
def test_nothing_is_flagged_before_the_thresholds_run_out(con, as_of):
    assert [i for i in attention.items(con, "cohort-2", as_of) if i.kind == "pair"] == []
