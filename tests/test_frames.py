"""What the websocket frames tell a session, read as an attacker reads them: a signed-out
visitor learns no page's title or path, an unknown path answers as a real one does, and a
reviewer's frames hold their own assigned bids but nothing of a bid they declared a conflict on."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import duckdb
import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench.wire import TIMEOUT_S, session_token
from casson.grants import reviews
from casson.platform import access
from tests.support import run_async
from ui.auth import SESSION

_FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


async def _frames(base: str, path: str, token: str = "") -> list[ForwardMsg]:
    """Every message of one page load at `/path`, as a browser's first request sends it."""
    url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    headers = {"Cookie": f"{SESSION}={token}"} if token else {}
    async with connect(
        url, subprotocols=[Subprotocol("streamlit")], max_size=None, additional_headers=headers
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = path
        await ws.send(msg.SerializeToString())
        got: list[ForwardMsg] = []
        while True:
            frame = await asyncio.wait_for(ws.recv(), TIMEOUT_S)
            reply = ForwardMsg()
            reply.ParseFromString(frame if isinstance(frame, bytes) else frame.encode())
            got.append(reply)
            if reply.WhichOneof("type") == "script_finished" and reply.script_finished == _FINISHED:
                return got


def _raw(frames: list[ForwardMsg]) -> bytes:
    return b"".join(f.SerializeToString() for f in frames)


def _navigation(frames: list[ForwardMsg]) -> list[tuple[str, str]]:
    navs = [f.navigation for f in frames if f.WhichOneof("type") == "navigation"]
    assert len(navs) == 1
    return [(p.page_name, p.url_pathname) for p in navs[0].app_pages]


def _kinds(frames: list[ForwardMsg]) -> list[str]:
    return [f.WhichOneof("type") for f in frames]


def test_a_signed_out_visitor_receives_no_page_title_or_path(live_server):
    for path in ("", "people", "accounts"):
        frames = run_async(_frames(live_server, path))
        raw = _raw(frames)
        assert b"Username" in raw  # the sign-in form itself is in these frames
        names = {name for name, _ in _navigation(frames)}
        assert names == {"Sign in"}
        for spec in access.PAGES:
            if spec.key != path:
                assert f'"{spec.key}"'.encode() not in raw
                assert spec.path.encode() not in raw
            assert spec.title.encode() not in raw, f"{spec.title!r} was sent at /{path}"


def test_an_unknown_path_answers_as_a_real_page_does(live_server):
    real = run_async(_frames(live_server, "people"))
    unknown = run_async(_frames(live_server, "no-such-page"))
    assert "page_not_found" not in _kinds(real) and "page_not_found" not in _kinds(unknown)
    assert _kinds(real) == _kinds(unknown)
    assert [n for n, _ in _navigation(real)] == [n for n, _ in _navigation(unknown)]
    assert [p for _, p in _navigation(unknown)] == ["", "no-such-page"]  # "" is the default


def _declare_a_conflict(dbfile) -> tuple[list[str], list[str]]:
    """The demo reviewer declares a conflict on one undeclared assigned bid (open round).
    Returns (the references of their bids, the conflicted bid's project, applicant, employer)."""
    with duckdb.connect(str(dbfile)) as con:
        mine = con.execute(
            "SELECT a.round_id, b.id, b.reference, b.project_title, b.applicant_name, b.employer,"
            " EXISTS (SELECT 1 FROM bid_conflicts c WHERE c.round_id = a.round_id"
            "  AND c.bid_id = a.bid_id AND c.reviewer = a.reviewer) AS declared,"
            " rr.closed_at IS NULL AS open"
            " FROM review_assignments a JOIN bids b ON b.id = a.bid_id"
            " JOIN review_rounds rr ON rr.id = a.round_id"
            " WHERE a.reviewer = 'reviewer' ORDER BY b.reference"
        ).fetchall()
        target = next(r for r in mine if not r[6] and r[7] and r[5])
        reviews.declare(
            con,
            "reviewer",
            target[0],
            target[1],
            conflict=True,
            reason="The applicant is my sister",
        )
    others = [r for r in mine if r[1] != target[1]]
    # demo bids share project titles and employers: only what no other bid of theirs shows
    shown = {text for r in others for text in r[3:6]}
    withheld = [text for text in target[3:6] if text not in shown]
    assert target[4] in withheld  # the applicant, at least
    return [r[2] for r in others], withheld


def test_a_reviewers_frames_hold_their_bids_but_nothing_of_a_conflicted_one(
    demo_db_template, accounts_template, tmp_path
):
    from tests.conftest import _copies
    from tests.support import serve_app

    dbfile, authfile = _copies(demo_db_template, accounts_template, tmp_path)
    others, withheld = _declare_a_conflict(dbfile)
    assert others
    with serve_app(dbfile, authfile) as base:
        token = session_token("reviewer", str(authfile))
        raw = _raw(run_async(_frames(base, "reviews", token)))
    assert b"My reviews" in raw
    for reference in others:  # the positive control: their own assignments are there
        assert reference.encode() in raw
    for text in withheld:
        assert text.encode() not in raw, f"{text!r} of a conflicted bid was sent"


@pytest.mark.browser
def test_a_bid_reference_in_the_url_is_shown_as_text_with_no_link_or_image(page, live_server):
    from tests.support import sign_in, wait_for_app

    asked = "X](https://evil.example/phish) ![img](http://127.0.0.1:9/t.png)"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sign_in(page, live_server, "reviewer")
    page.goto(f"{live_server}/reviews?bid={quote(asked)}")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    alert = main.get_by_test_id("stAlert").filter(has_text="is not assigned to you")
    alert.wait_for(timeout=30_000)
    assert asked in alert.inner_text().replace("\u2060", "")  # shown as typed
    assert main.locator("a[href*='evil.example']").count() == 0
    assert page.locator("img[src*='127.0.0.1:9']").count() == 0
    assert not [url for url in requests if not url.startswith(live_server + "/")]
