"""Programme health figures: n on every figure, groups under 5 suppressed."""

import datetime as dt

from casson.mentoring import health


def by_key(figures):
    return {f.key: f for f in figures}


def test_meetings_median_and_fortnightly_share_with_n():
    # five pairs, 28 days run each: 2 meetings needed to count as fortnightly
    f = by_key(health.meeting_figures([0, 1, 2, 3, 4], [28, 28, 28, 28, 28]))
    assert (f["meetings_per_pair"].value, f["meetings_per_pair"].n) == (2.0, 5)
    assert (f["meeting_fortnightly"].value, f["meeting_fortnightly"].n) == (60.0, 5)
    assert not f["meetings_per_pair"].suppressed
    assert f["meetings_per_pair"].text() == "2 meetings (n = 5)"


def test_four_pairs_are_suppressed_and_five_are_not():
    four = by_key(health.meeting_figures([1, 2, 3, 4], [28] * 4))
    assert four["meetings_per_pair"].suppressed and four["meetings_per_pair"].value is None
    assert four["meetings_per_pair"].n == 4
    assert four["meetings_per_pair"].text().startswith("suppressed")
    five = by_key(health.meeting_figures([1, 2, 3, 4, 5], [28] * 5))
    assert five["meetings_per_pair"].value == 3.0


def test_pairs_under_a_fortnight_old_are_left_out_of_the_fortnightly_share():
    f = by_key(health.meeting_figures([0] * 5 + [1] * 5, [13] * 5 + [14] * 5))
    assert (f["meeting_fortnightly"].value, f["meeting_fortnightly"].n) == (100.0, 5)


def test_fit_shares_suppress_a_fit_given_by_fewer_than_five():
    f = by_key(health.fit_figures({"good": 10, "unsure": 6, "poor": 2}))
    assert (f["fit_good"].value, f["fit_good"].n) == (55.6, 18)
    assert f["fit_unsure"].value == 33.3
    assert f["fit_poor"].suppressed and f["fit_poor"].value is None
    tiny = by_key(health.fit_figures({"good": 4}))
    assert all(x.suppressed for x in tiny.values())


def test_demo_cohort_two_figures(con):
    f = by_key(health.figures(con, "cohort-2", dt.date(2022, 1, 20)))
    assert f["meetings_per_pair"].n == con.execute(
        "SELECT count(*) FROM pairs WHERE cohort_id = 'cohort-2' AND status <> 'proposed' "
        "AND started_on <= DATE '2022-01-20'").fetchone()[0]
    assert f["meetings_per_pair"].value is not None and f["meetings_per_pair"].value > 0
    assert f["fit_good"].n == con.execute(
        "SELECT count(DISTINCT participant_id) FROM checkins WHERE cohort_id = 'cohort-2' "
        "AND fit IS NOT NULL").fetchone()[0]


def test_a_cohort_without_a_meeting_log_has_no_meeting_figure(con):
    f = by_key(health.figures(con, "pilot-2021"))
    assert f["meetings_per_pair"].value is None and f["meetings_per_pair"].n == 54
    assert f["meetings_per_pair"].text() == "no data yet (n = 54)"
