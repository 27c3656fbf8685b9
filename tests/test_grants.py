"""Grant review and grant management: weighted means, conflicts, payments, reports."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from casson.grants import bids, grant_reports, payments, reviews

ROUND = "test-round"
RUBRIC = reviews.DEFAULT_RUBRIC  # weights 0.3, 0.3, 0.2, 0.2
ALL_FOUR = {"leadership_development": 4, "service_benefit": 4, "feasibility": 4,
            "value_for_money": 4}


def _bid(con, ref="LP-T-001", amount=8000, fund="leadership"):
    return bids.add(con, "staff", reference=ref, applicant_name="Ada Example",
                    applicant_email=f"{ref.lower()}@example.org", project_title="Falls clinic",
                    amount_requested=amount, fund=fund, employer="Community NHS trust",
                    received_on=date(2026, 1, 5))


def _award(con, bid_id, amount):
    bid = bids.get(con, bid_id)
    bids.update(con, "staff", bid_id, bid["version"], reason="Panel", status="shortlisted")
    bid = bids.get(con, bid_id)
    return bids.update(con, "staff", bid_id, bid["version"], reason="Panel", status="awarded",
                       amount_awarded=amount, decided_on=date(2026, 2, 1))


def _scores(ld, sb, fe, vm):
    return {"leadership_development": ld, "service_benefit": sb, "feasibility": fe,
            "value_for_money": vm}


@pytest.fixture
def panel(con):
    """A round with two fresh bids, each assigned to three reviewers."""
    one, two = _bid(con, "LP-T-001"), _bid(con, "LP-T-002", 6000)
    reviews.open_round(con, "staff", ROUND, "Test round")
    assert reviews.assign(con, "staff", ROUND, [one, two], ["rev.a", "rev.b", "rev.c"]) == 6
    return one, two


# -- weighted means -------------------------------------------------------------------------

def test_a_reviews_weighted_score_weighs_each_criterion():
    # 0.3*5 + 0.3*4 + 0.2*2 + 0.2*1 = 3.3
    assert reviews.weighted_score(_scores(5, 4, 2, 1), RUBRIC) == Decimal("3.300")
    assert reviews.weighted_score(ALL_FOUR, RUBRIC) == Decimal("4.000")
    # unequal weights matter: the same numbers in other places give another score
    assert reviews.weighted_score(_scores(1, 2, 4, 5), RUBRIC) == Decimal("2.700")


@pytest.mark.parametrize("bad", [0, 6, 2.5, None, True])
def test_a_score_outside_one_to_five_is_refused(bad):
    with pytest.raises(reviews.ReviewError):
        reviews.weighted_score({**ALL_FOUR, "feasibility": bad}, RUBRIC)


def test_the_panel_ranks_bids_by_the_mean_of_weighted_scores_with_spread(con, panel):
    one, two = panel
    for reviewer, s1, s2 in (("rev.a", _scores(5, 4, 2, 1), _scores(2, 2, 2, 2)),
                             ("rev.b", _scores(4, 4, 4, 4), _scores(3, 3, 3, 3)),
                             ("rev.c", _scores(1, 2, 4, 5), _scores(4, 4, 4, 4))):
        for bid_id, scores in ((one, s1), (two, s2)):
            reviews.declare(con, reviewer, ROUND, bid_id, conflict=False)
            reviews.save_review(con, reviewer, ROUND, bid_id, scores=scores, recommendation="fund")
    ranked = reviews.panel(con, ROUND)
    assert list(ranked["reference"]) == ["LP-T-001", "LP-T-002"]
    first = ranked.iloc[0]
    # (3.3 + 4.0 + 2.7) / 3 = 3.33; sample sd of (3.3, 4.0, 2.7) = 0.65
    assert (float(first["weighted_mean"]), float(first["spread"]), int(first["reviews"])) == (
        3.33, 0.65, 3)
    second = ranked.iloc[1]
    assert (float(second["weighted_mean"]), float(second["spread"]), int(second["reviews"])) == (
        3.0, 1.0, 3)
    assert list(ranked["rank"]) == [1, 2]


def test_a_conflicted_reviewer_is_left_out_of_the_averages(con, panel):
    one, _ = panel
    reviews.declare(con, "rev.a", ROUND, one, conflict=False)
    reviews.save_review(con, "rev.a", ROUND, one, scores=_scores(5, 5, 5, 5), recommendation="fund")
    reviews.declare(con, "rev.b", ROUND, one, conflict=False)
    reviews.save_review(con, "rev.b", ROUND, one, scores=_scores(3, 3, 3, 3),
                        recommendation="maybe")
    # rev.a then realises they know the applicant: their earlier review no longer counts
    reviews.declare(con, "rev.a", ROUND, one, conflict=True, reason="Former line manager")
    row = reviews.panel(con, ROUND).set_index("reference").loc["LP-T-001"]
    assert (float(row["weighted_mean"]), int(row["reviews"]), int(row["conflicts"])) == (3.0, 1, 1)
    assert row["spread"] != row["spread"]  # NaN: one review has no spread
    # and they cannot open or score it any more
    with pytest.raises(reviews.Conflicted):
        reviews.open_bid(con, "rev.a", ROUND, one)
    with pytest.raises(reviews.Conflicted):
        reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="fund")
    with pytest.raises(reviews.Conflicted):
        reviews.declare(con, "rev.a", ROUND, one, conflict=False)
    kept = reviews.declarations(con, one)
    assert [(r.reviewer, r.conflict, r.reason or None) for r in kept.fillna("").itertuples()] == [
        ("rev.a", True, "Former line manager"), ("rev.b", False, None), ("rev.a", False, None)]


def test_a_reviewer_cannot_open_a_bid_before_declaring_nor_one_not_assigned(con, panel):
    one, _ = panel
    with pytest.raises(reviews.MustDeclare):
        reviews.open_bid(con, "rev.a", ROUND, one)
    with pytest.raises(reviews.MustDeclare):
        reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="fund")
    with pytest.raises(reviews.NotAssigned):
        reviews.open_bid(con, "stranger", ROUND, one)
    with pytest.raises(reviews.NotAssigned):
        reviews.declare(con, "stranger", ROUND, one, conflict=False)
    with pytest.raises(reviews.ReviewError, match="Say what the conflict"):
        reviews.declare(con, "rev.a", ROUND, one, conflict=True, reason="  ")
    reviews.declare(con, "rev.a", ROUND, one, conflict=False)
    seen = reviews.open_bid(con, "rev.a", ROUND, one)
    assert seen["applicant_name"] == "Ada Example" and "applicant_email" not in seen
    assert con.execute("SELECT actor, action FROM audit_log WHERE action LIKE 'review.%' "
                       "ORDER BY id DESC LIMIT 1").fetchone() == ("rev.a", "review.declare")


def test_a_review_is_editable_until_the_round_closes(con, panel):
    one, _ = panel
    reviews.declare(con, "rev.a", ROUND, one, conflict=False)
    reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="maybe")
    with pytest.raises(reviews.StaleReview):  # an edit must say which version it changes
        reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="fund")
    reviews.save_review(con, "rev.a", ROUND, one, scores=_scores(5, 5, 5, 5),
                        recommendation="fund", comment="Strong", version=1)
    mine = reviews.review_of(con, "rev.a", ROUND, one)
    assert (mine["weighted_score"], mine["recommendation"], mine["comment"], mine["version"]) == (
        Decimal("5.000"), "fund", "Strong", 2)
    reviews.close_round(con, "staff", ROUND)
    with pytest.raises(reviews.ReviewError, match="closed"):
        reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="maybe",
                            version=2)
    assert reviews.review_of(con, "rev.a", ROUND, one)["recommendation"] == "fund"


def test_only_received_or_shortlisted_bids_go_to_the_panel(con):
    bid_id = _bid(con)
    _award(con, bid_id, 5000)
    reviews.open_round(con, "staff", ROUND, "Test round")
    with pytest.raises(reviews.ReviewError, match="only received or shortlisted"):
        reviews.assign(con, "staff", ROUND, [bid_id], ["rev.a"])


# -- payments -------------------------------------------------------------------------------

def test_payments_above_the_award_are_refused_on_every_path(con):
    bid_id = _bid(con)
    with pytest.raises(payments.PaymentError, match="only an awarded bid"):
        payments.schedule(con, "staff", bid_id, 1000, date(2026, 3, 1))
    _award(con, bid_id, 6000)
    first = payments.schedule(con, "staff", bid_id, "4,000", date(2026, 3, 1))
    # 1. a new instalment taking the schedule over the award
    with pytest.raises(payments.PaymentError, match="above the £6,000 awarded; at most £2,000"):
        payments.schedule(con, "staff", bid_id, 2000.01, date(2026, 9, 1))
    second = payments.schedule(con, "staff", bid_id, 2000, date(2026, 9, 1))
    # 2. a changed instalment
    with pytest.raises(payments.PaymentError, match="above the £6,000 awarded"):
        payments.change(con, "staff", first, amount=4500)
    # 3. a lower award on the bid
    bid = bids.get(con, bid_id)
    with pytest.raises(bids.BidError, match="£6,000 is already scheduled"):
        bids.update(con, "staff", bid_id, bid["version"], reason="Cut", amount_awarded=5000)
    assert [(float(a), p) for a, p in con.execute(
        "SELECT amount, paid_on FROM bid_payments WHERE bid_id = ? ORDER BY id", [bid_id]
    ).fetchall()] == [(4000.0, None), (2000.0, None)]
    assert bids.get(con, bid_id)["amount_awarded"] == 6000
    # within the award everything goes through, and is audited
    payments.change(con, "staff", second, amount=1500, due_on=date(2026, 10, 1))
    payments.mark_paid(con, "staff", first, date(2026, 3, 2))
    assert payments.totals(con, bid_id) == (Decimal("5500.00"), Decimal("4000.00"))
    with pytest.raises(payments.PaymentError, match="is paid"):
        payments.change(con, "staff", first, amount=100)
    assert [r[0] for r in con.execute(
        "SELECT action FROM audit_log WHERE entity = 'bid' AND entity_id = ? AND action LIKE "
        "'bid.payment%' ORDER BY id", [str(bid_id)]).fetchall()] == [
        "bid.payment_schedule", "bid.payment_schedule", "bid.payment_change", "bid.payment_paid"]


def test_committed_and_paid_this_year(con):
    committed_before = payments.committed_in_year(bids.frame(con, "trustee"), 2026)
    paid_before = payments.paid_in_year(payments.paid_frame(con), bids.frame(con, "trustee")["id"],
                                        2026)
    bid_id = _bid(con, "LP-T-009")
    _award(con, bid_id, 5000)  # decided 1 Feb 2026
    pay = payments.schedule(con, "staff", bid_id, 3000, date(2026, 3, 1))
    later = payments.schedule(con, "staff", bid_id, 2000, date(2026, 9, 1))
    payments.mark_paid(con, "staff", pay, date(2026, 3, 5))
    frame, paid = bids.frame(con, "trustee"), payments.paid_frame(con)
    assert payments.committed_in_year(frame, 2026) == committed_before + 5000
    assert payments.paid_in_year(paid, frame["id"], 2026) == paid_before + 3000
    assert payments.paid_in_year(paid, frame["id"], 2025) == payments.paid_in_year(
        paid[paid["bid_id"] != bid_id], frame["id"], 2025)
    # only the bids the filters kept count
    assert payments.paid_in_year(paid, frame.loc[frame["id"] != bid_id, "id"], 2026) == paid_before
    assert list(paid.loc[paid["bid_id"] == bid_id, "amount"].astype(float)) == [3000.0]
    assert payments.totals(con, bid_id, leaving_out=later) == (Decimal("3000.00"),
                                                               Decimal("3000.00"))


# -- reports ------------------------------------------------------------------------------

def test_overdue_reports_by_date(con):
    bid_id = _bid(con, "LP-T-003")
    _award(con, bid_id, 5000)
    interim = grant_reports.expect(con, "staff", bid_id, "interim", date(2026, 6, 30))
    grant_reports.expect(con, "staff", bid_id, "final", date(2026, 12, 31))

    def mine(as_of):
        late = grant_reports.overdue(con, as_of)
        return list(late.loc[late["reference"] == "LP-T-003", "kind"])

    assert mine(date(2026, 6, 30)) == []             # due today is not yet overdue
    assert mine(date(2026, 7, 1)) == ["interim"]
    late = grant_reports.overdue(con, date(2026, 7, 1))
    assert int(late.loc[late["reference"] == "LP-T-003", "days_overdue"].iloc[0]) == 1
    assert mine(date(2027, 1, 1)) == ["interim", "final"]
    grant_reports.receive(con, "staff", interim, date(2026, 7, 10))
    assert mine(date(2027, 1, 1)) == ["final"]


def test_the_demo_has_panel_reviews_a_conflict_instalments_and_one_overdue_report(con):
    late = grant_reports.overdue(con, date(2026, 12, 1))
    assert [(r.kind, str(r.due_on)[:10]) for r in late.itertuples()] == [("interim", "2026-10-31")]
    ranked = reviews.panel(con, "2026-spring")
    assert (len(ranked) == 10 and int(ranked["reviews"].sum()) == 24
            and int(ranked["conflicts"].sum()) == 1)
    paid, due = con.execute("SELECT count(paid_on), count(*) - count(paid_on) FROM bid_payments"
                            ).fetchone()
    assert paid > 0 and due > 0


def test_completing_a_bid_needs_its_final_report_received(con):
    bid_id = _bid(con, "LP-T-004")
    _award(con, bid_id, 5000)
    bid = bids.get(con, bid_id)
    bids.update(con, "staff", bid_id, bid["version"], reason="Started", status="in_progress")
    final = grant_reports.expect(con, "staff", bid_id, "final", date(2026, 11, 30))
    bid = bids.get(con, bid_id)
    # ticking the flag by hand is not enough while the expected final report is outstanding
    with pytest.raises(bids.BidError, match="final report \\(due 30 Nov 2026\\) is received"):
        bids.update(con, "staff", bid_id, bid["version"], reason="Done", status="completed",
                    report_received=True)
    grant_reports.receive(con, "staff", final, date.today() - timedelta(days=1),
                          "15% reduction in median length of stay")
    bid = bids.get(con, bid_id)
    assert bid["report_received"] is True
    bids.update(con, "staff", bid_id, bid["version"], reason="Done", status="completed")
    assert bids.get(con, bid_id)["status"] == "completed"
    assert list(bids.history(con, bid_id)["action"])[:2] == ["bid.status", "bid.update"]


def test_a_final_reports_outcome_starts_a_case_study_draft_linked_to_the_bid(con):
    bid_id = _bid(con, "LP-T-005")
    _award(con, bid_id, 5000)
    final = grant_reports.expect(con, "staff", bid_id, "final", date(2026, 11, 30))
    with pytest.raises(grant_reports.ReportError, match="Record the report as received"):
        grant_reports.start_case_study(con, "staff", final)
    grant_reports.receive(con, "staff", final, date(2026, 11, 20),
                          "15% reduction in median length of stay")
    case_id = grant_reports.start_case_study(con, "staff", final)
    row = con.execute("SELECT title, programme, people, organisation, outcome, bid_id, summary "
                      "FROM case_studies WHERE id = ?", [case_id]).fetchone()
    assert row[:6] == ("Draft: Falls clinic", "leadership", "Ada Example", "Community NHS trust",
                       "15% reduction in median length of stay", bid_id)
    assert "LP-T-005" in row[6] and "Draft" in row[6]
    with pytest.raises(grant_reports.ReportError, match="already has a case study"):
        grant_reports.start_case_study(con, "staff", final)


@pytest.mark.parametrize("table,column", [("bid_reviews", "weighted_score"),
                                          ("bid_conflicts", "conflict"),
                                          ("bid_payments", "paid_on"),
                                          ("bid_reports", "received_on")])
def test_export_covers_the_grant_management_tables(demo_db, capsys, table, column):
    from casson.cli import main

    assert main(["export", table, "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert column in lines[0].split(",") and "reference" in lines[0].split(",")
    assert len(lines) > 1


def test_the_rubric_is_a_setting_and_new_reviews_use_it(con, panel):
    one, _ = panel
    reviews.set_rubric(con, "admin", [reviews.Criterion("impact", "Impact", 3),
                                      reviews.Criterion("cost", "Cost", 1)])
    assert [c.key for c in reviews.rubric(con)] == ["impact", "cost"]
    reviews.declare(con, "rev.a", ROUND, one, conflict=False)
    with pytest.raises(reviews.ReviewError, match="not a criterion"):
        reviews.save_review(con, "rev.a", ROUND, one, scores=ALL_FOUR, recommendation="fund")
    # (3*5 + 1*1) / 4 = 4.0
    assert reviews.save_review(con, "rev.a", ROUND, one, scores={"impact": 5, "cost": 1},
                               recommendation="fund") == Decimal("4.000")
    assert con.execute("SELECT actor, action FROM audit_log WHERE entity_id = 'review_rubric'"
                       ).fetchall() == [("admin", "setting.update")]
