"""AppTest: My reviews as a reviewer uses it, and what the reviewer role can never reach."""

from decimal import Decimal

import duckdb
import pytest

from casson.platform import access, accounts
from tests.conftest import signed_in_app

REVIEWS = access.page("reviews").path  # where page scripts live is access.py's to say
ROUND = "2026-spring"


@pytest.fixture
def reviewer_env(app_env, accounts_file):
    """The demo database and accounts, whose demo `reviewer` is the panel's reviewer."""
    users = accounts.load(accounts_file)["credentials"]["usernames"]
    assert users["reviewer"]["roles"] == ["reviewer"]
    return app_env


def _db(path):
    return duckdb.connect(str(path))


def _assigned(path, reviewer="reviewer"):
    """(reference, bid id, declaration in force) of the reviewer's demo assignments."""
    con = _db(path)
    rows = con.execute(
        "SELECT a.reference, a.bid_id, (SELECT arg_max(conflict, id) FROM bid_conflicts c "
        " WHERE c.round_id = a.round_id AND c.bid_id = a.bid_id AND c.reviewer = a.reviewer)"
        " FROM review_assignments a WHERE a.reviewer = ? ORDER BY a.reference", [reviewer]
    ).fetchall()
    con.close()
    return rows


def _walk(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _walk(child)


def _rendered(at) -> str:
    parts = [str(getattr(node, "proto", "")) for node in _walk(at._tree)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def _reviewer(query_bid=None, pick=None):
    at = signed_in_app("reviewer")
    if query_bid:
        at.query_params["bid"] = query_bid
    if pick:
        at.session_state["review_pick"] = pick
    at.run()
    assert not at.exception, at.exception
    return at


def _undeclared(path):
    return next((ref, bid_id) for ref, bid_id, conflict in _assigned(path) if conflict is None)


def test_a_reviewer_lands_on_my_reviews_and_sees_only_their_bids_without_emails(reviewer_env):
    at = _reviewer()
    assert [t.value for t in at.title] == ["My reviews"]
    mine = {ref for ref, _, _ in _assigned(reviewer_env)}
    table = at.dataframe[0].value
    assert set(table["reference"]) == mine and len(table) == len(mine) == 10
    assert "applicant_email" not in table.columns
    con = _db(reviewer_env)
    everyone = con.execute("SELECT reference, applicant_name, applicant_email FROM bids").fetchall()
    con.close()
    rendered = _rendered(at)
    assert "@example.org" not in rendered
    others = [ref for ref, name, _ in everyone if ref not in mine and name in rendered]
    assert not others  # no applicant of a bid not assigned to them
    assert any(ref in rendered for ref in mine)


def test_a_reviewer_can_open_no_other_page(reviewer_env):
    assert [p.key for p in access.pages_for("reviewer") if p.key != "my_account"] == ["reviews"]
    for spec in access.PAGES:
        if spec.key in ("reviews", "my_account"):
            continue
        at = _reviewer()
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(spec.path)  # not in the reviewer's navigation at all
        # and the page's own server-side guard refuses a reviewer who runs it directly
        direct = signed_in_app("reviewer", spec.path).run()
        assert [e.value for e in direct.error] == ["This page is not "
                                                   "available to your role."], spec.key
        assert not direct.dataframe and not direct.get("plotly_chart") and not direct.metric


def test_a_reviewer_cannot_open_a_bid_before_declaring_by_picking_or_by_url(reviewer_env):
    ref, bid_id = _undeclared(reviewer_env)
    for at in (_reviewer(query_bid=ref), _reviewer(pick=f"{ROUND}|{bid_id}")):
        assert at.selectbox(key="review_pick").value == f"{ROUND}|{bid_id}"
        assert any(f"Declare whether you have a conflict of interest on bid {ref}" in w.value
                   for w in at.warning)
        assert not at.slider and not at.subheader  # neither the bid nor the score form
        assert "requested £" not in _rendered(at)


def test_declaring_no_conflict_opens_the_bid_and_a_review_is_saved(reviewer_env):
    ref, bid_id = _undeclared(reviewer_env)
    at = _reviewer(query_bid=ref)
    form = f"declare_{ROUND}_{bid_id}_"
    at.radio(key=f"{form}answer").set_value("No")
    at.button(key=f"{form}save").click().run()
    assert not at.exception and not at.error
    assert at.subheader[0].value.startswith(f"{ref}: ")
    review = f"review_{ROUND}_{bid_id}_"
    for key, value in (("leadership_development", 5), ("service_benefit", 4), ("feasibility", 3),
                       ("value_for_money", 2)):
        at.slider(key=f"{review}{key}").set_value(value)
    at.radio(key=f"{review}recommendation").set_value("fund")
    at.text_area(key=f"{review}comment").input("Good plan")
    at.button(key=f"{review}save").click().run()
    assert not at.exception and not at.error
    assert any("weighted score 3.70 of 5" in s.value for s in at.success)
    con = _db(reviewer_env)
    assert con.execute("SELECT weighted_score, recommendation, comment FROM bid_reviews WHERE "
                       "reviewer = 'reviewer' AND bid_id = ?", [bid_id]).fetchone() == (
        Decimal("3.700"), "fund", "Good plan")
    assert con.execute("SELECT conflict FROM bid_conflicts WHERE reviewer = 'reviewer' AND "
                       "bid_id = ?", [bid_id]).fetchall() == [(False,)]


def test_a_reviewer_cannot_open_a_bid_they_declared_a_conflict_on(reviewer_env):
    ref, bid_id = _undeclared(reviewer_env)
    at = _reviewer(query_bid=ref)
    form = f"declare_{ROUND}_{bid_id}_"
    at.radio(key=f"{form}answer").set_value("Yes")
    at.text_input(key=f"{form}reason").input("The applicant is my sister")
    at.button(key=f"{form}save").click().run()
    assert not at.exception and not at.error  # the reviewer's answer is no fault: no red box
    assert any("Conflict of interest recorded" in s.value for s in at.success)
    for view in (at, _reviewer(query_bid=ref), _reviewer(pick=f"{ROUND}|{bid_id}")):
        assert any(f"You declared a conflict of interest on bid {ref}" in e.value
                   for e in view.info)
        assert not view.slider and not view.subheader and not view.error
    con = _db(reviewer_env)
    assert con.execute("SELECT conflict, reason FROM bid_conflicts WHERE reviewer = 'reviewer' "
                       "AND bid_id = ?",
                       [bid_id]).fetchall() == [(True, "The applicant is my sister")]


def test_a_bid_not_assigned_cannot_be_asked_for_by_url_or_session_state(reviewer_env):
    con = _db(reviewer_env)
    ref, bid_id, name = con.execute(
        "SELECT reference, id, applicant_name FROM bids WHERE id NOT IN (SELECT bid_id FROM "
        "review_assignments WHERE reviewer = 'reviewer') ORDER BY id LIMIT 1").fetchone()
    con.close()
    at = _reviewer(query_bid=ref)
    assert f"Bid {ref} is not assigned to you for review." in [e.value for e in at.error]
    at = _reviewer(pick=f"{ROUND}|{bid_id}")
    assert at.selectbox(key="review_pick").value != f"{ROUND}|{bid_id}"
    assert name not in _rendered(at)


def test_a_trustee_without_a_reviewer_account_sees_none_of_it(reviewer_env):
    assert "reviews" not in [p.key for p in access.pages_for("trustee")]
    at = signed_in_app("trustee").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(REVIEWS)  # not in a trustee's navigation
    direct = signed_in_app("trustee", REVIEWS).run()  # and its guard refuses them
    assert [e.value for e in direct.error] == ["This page is not available to your role."]
    assert not direct.dataframe and not direct.selectbox
    at = signed_in_app("trustee").run()
    at.session_state["bids_tab"] = "Panel"  # a staff tab: not drawn for trustees
    at.switch_page(access.page("bids").path).run()
    assert [t.label for t in at.tabs] == ["Pipeline", "Charts"]
    rendered = _rendered(at)
    assert "conflict" not in rendered.lower() and "weighted" not in rendered.lower()
