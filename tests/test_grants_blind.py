"""Blind review: with the setting blind_review on, reviewers never receive an applicant's name,
email or employer (the page, its table's CSV, the websocket frames); staff still see them."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest
from playwright.sync_api import expect

from casson.grants import reviews
from casson.platform import access, db
from tests.support import open_tab, serve_app, sign_in, signed_in_app, wait_for_app

ROUND = "2026-spring"


def _identities(con) -> list[str]:
    """Every applicant's name, email and employer, longest first (a scan finds each)."""
    rows = con.execute("SELECT applicant_name, applicant_email, employer FROM bids").fetchall()
    return sorted({v for row in rows for v in row if v}, key=len, reverse=True)


def _assigned(con, reviewer="reviewer") -> list[tuple]:
    """(reference, bid id, project title, declaration in force) of a reviewer's bids."""
    return con.execute(
        "SELECT a.reference, a.bid_id, b.project_title, (SELECT arg_max(conflict, id) FROM "
        "bid_conflicts c WHERE c.round_id = a.round_id AND c.bid_id = a.bid_id AND "
        "c.reviewer = a.reviewer) FROM review_assignments a JOIN bids b ON b.id = a.bid_id "
        "WHERE a.reviewer = ? ORDER BY a.reference",
        [reviewer],
    ).fetchall()


def _walk(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _walk(child)


def _sent(at) -> str:
    """Everything the AppTest's page holds: every element's message and every table as CSV."""
    parts = [str(getattr(node, "proto", "")) for node in _walk(at._tree)]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


def _reviewer_views(con) -> list:
    """My reviews as the demo reviewer sees it: the list, an undeclared bid, an opened one."""
    mine = _assigned(con)
    undeclared = next(r for r in mine if r[3] is None)
    opened = next(r for r in mine if r[3] is False)
    views = []
    for ref in (None, undeclared[0], opened[0]):
        at = signed_in_app("reviewer")
        if ref:
            at.query_params["bid"] = ref
        views.append(at.run())
        assert not at.exception
    assert views[2].subheader and views[2].subheader[0].value.startswith(opened[0])
    return views


def test_the_setting_is_off_until_staff_turn_it_on_and_each_change_is_audited(con):
    assert reviews.blind_review(con) is False
    assert reviews.set_blind_review(con, "ruth", True) is True
    assert reviews.blind_review(con) is True
    reviews.set_blind_review(con, "ruth", "on")  # no change: no audit row
    with pytest.raises(reviews.ReviewError, match="on or off"):
        reviews.set_blind_review(con, "ruth", "maybe")
    assert con.execute(
        "SELECT actor, detail FROM audit_log WHERE action = 'setting.update' AND "
        "entity_id = 'blind_review'"
    ).fetchall() == [("ruth", '{"after": "on", "before": "off"}')]


def test_under_blind_review_the_domain_gives_reviewers_no_identity_and_staff_all(con):
    reviews.set_blind_review(con, "ruth", True)
    mine = reviews.my_reviews(con, "reviewer")
    assert mine["applicant_name"].isna().all() and mine["employer"].isna().all()
    assert "applicant_email" not in mine.columns
    ref, bid_id = next((r[0], r[1]) for r in _assigned(con) if r[3] is False)
    bid = reviews.open_bid(con, "reviewer", ROUND, bid_id)
    assert bid["reference"] == ref and bid["applicant_name"] is None and bid["employer"] is None
    staff = reviews.panel(con, ROUND)  # staff's panel still names the applicant
    assert staff["applicant_name"].notna().all()


def test_with_blind_review_on_no_reviewer_view_holds_a_name_email_or_employer(app_env):
    con = db.connect(app_env)
    identities, mine = _identities(con), _assigned(con)
    reviews.set_blind_review(con, "ruth", True)
    con.close()
    con = duckdb.connect(str(app_env))
    text = "\n".join(_sent(at) for at in _reviewer_views(con))
    con.close()
    assert [v for v in identities if v in text] == []
    # positive control: the scan reads what the reviewer is sent (their references, titles)
    assert all(ref in text for ref, *_ in mine) and all(t in text for _, _, t, _ in mine)


def test_the_reviewers_csv_holds_no_identity_under_blind_review(app_env, monkeypatch):
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    offered: list[bytes] = []
    real = DeltaGenerator.download_button

    def spy(self, label, data, *args, **kwargs):  # the file each download button would give
        offered.append(data() if callable(data) else data)
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", spy)
    monkeypatch.setattr(st, "download_button", lambda *a, **k: spy(st._main, *a, **k))
    con = db.connect(app_env)
    identities, mine = _identities(con), _assigned(con)
    reviews.set_blind_review(con, "ruth", True)
    con.close()
    at = signed_in_app("reviewer").run()
    assert not at.exception and offered
    files = b"\n".join(offered)
    assert [v for v in identities if v.encode() in files] == []
    assert all(ref.encode() in files for ref, *_ in mine)  # the reviewer's own list is in it


def test_with_blind_review_off_the_reviewer_sees_names_and_employers(app_env):
    """The same views without blind review: the scan above does find names when they are sent."""
    con = duckdb.connect(str(app_env))
    names = {
        r[0]
        for r in con.execute(
            "SELECT applicant_name FROM bids WHERE id IN (SELECT bid_id FROM review_assignments "
            "WHERE reviewer = 'reviewer')"
        ).fetchall()
    }
    text = "\n".join(_sent(at) for at in _reviewer_views(con))
    con.close()
    assert names and all(n in text for n in names)


def test_staff_turn_blind_review_on_from_the_panel_tab(app_env):
    at = signed_in_app("staff").run()
    at.switch_page(access.page("bids").path).run()
    open_tab(at, "bids_tab", "Panel")
    at.toggle(key="panel_blind_False").set_value(True).run()
    assert not at.exception
    assert any("Blind review is on" in s.value for s in at.success)
    assert at.toggle(key="panel_blind_True").value is True
    con = duckdb.connect(str(app_env))
    assert con.execute("SELECT value FROM settings WHERE key = 'blind_review'").fetchone() == (
        "on",
    )
    assert con.execute(
        "SELECT actor FROM audit_log WHERE action = 'setting.update' AND entity_id = 'blind_review'"
    ).fetchall() == [("staff",)]
    con.close()


@pytest.mark.browser
def test_no_websocket_frame_to_a_blind_reviewer_holds_an_identity(
    page, demo_db_template, accounts_template, tmp_path
):
    dbfile, authfile = tmp_path / "casson.duckdb", tmp_path / "auth.yaml"
    shutil.copy(demo_db_template, dbfile)
    shutil.copy(accounts_template, authfile)
    con = db.connect(dbfile)
    reviews.set_blind_review(con, "ruth", True)
    identities, mine = _identities(con), _assigned(con)
    con.close()
    opened = next(r for r in mine if r[3] is False)
    undeclared = next(r for r in mine if r[3] is None)
    frames: list[bytes] = []

    def watch(ws) -> None:  # every message the server sends this browser, as it arrives
        ws.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, bytes) else payload.encode()
            ),
        )

    page.on("websocket", watch)
    main = page.get_by_test_id("stMain")
    with serve_app(dbfile, authfile) as base:
        sign_in(page, base, "reviewer")
        expect(main.get_by_role("heading", name="My reviews")).to_be_visible()
        page.goto(f"{base}/?bid={undeclared[0]}")  # the declaration form of an undeclared bid
        wait_for_app(page)
        expect(main.get_by_text(f"conflict of interest on bid {undeclared[0]}")).to_be_visible()
        page.goto(f"{base}/?bid={opened[0]}")  # a bid the reviewer may read
        wait_for_app(page)
        expect(main.get_by_role("heading", name=re.compile(re.escape(opened[0])))).to_be_visible()
    wire = b"\n".join(frames)
    assert len(frames) > 5
    assert [v for v in identities if v.encode() in wire] == []
    # positive control: the frames carry the reviewer's own assigned bids
    assert all(ref.encode() in wire for ref, *_ in mine)
