"""The personal-link page (/respond?t=TOKEN): one form and the person's first name, no sign-in.

Nothing else reaches this page: no page list, no other person, no other data. Any token that
cannot be used gets one plain refusal and no form. Requests are rate-limited per address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from casson.mentoring import checkins, meetings
from casson.participants import responses
from casson.platform import links, settings
from casson.platform.errors import Refused
from casson.platform.vocab import LIKERT, REGIONS, SURVEY_QUESTIONS
from ui import auth, data, safe

TITLES = {
    "meeting": "Log a meeting",
    "checkin": "Your mid-term check-in",
    "survey": "End-of-programme survey",
    "details": "Your details and email preferences",
    "report": "Your grant report",
}
WINDOW_S = 600


@st.cache_resource(show_spinner=False)
def _limit(per_window: int) -> links.RateLimit:
    return links.RateLimit(per_window, WINDOW_S)


def limiter() -> links.RateLimit:
    with data.cursor() as cur:
        try:
            per = int(settings.get(cur, "links_requests_per_10_minutes") or 30)
        except ValueError:
            per = 30
    return _limit(max(per, 1))


def allowed_once(key: str) -> bool:
    """Count a visit against the address limit once per page session (reruns are free)."""
    if st.session_state.get(key) == "ok":
        return True
    ok = limiter().allow(auth.client_address())
    if ok:
        st.session_state[key] = "ok"
    return ok


def _refuse(message: str) -> None:
    st.title("Casson mentoring")
    st.error(message)


def _meeting_fields(form: responses.Form) -> dict[str, Any]:
    st.write(f"Tell us about your meeting with {safe.text(form.partner_first_name or '')}.")
    return {
        "met_on": st.date_input(
            "Date you met", value=dt.date.today(), max_value=dt.date.today(), format="DD/MM/YYYY"
        ),
        "minutes": st.number_input("Minutes", min_value=1, max_value=600, value=60),
        "format": st.radio("How you met", meetings.FORMATS, horizontal=True),
    }


def _checkin_fields(form: responses.Form) -> dict[str, Any]:
    fit = st.radio("How well does your pairing fit?", checkins.FITS, horizontal=True, index=None)
    rating = st.radio(
        "How would you rate your mentoring so far? (1 poor, 5 excellent)",
        [1, 2, 3, 4, 5],
        horizontal=True,
        index=None,
    )
    comment = st.text_area("Anything we can help with?", max_chars=2000)
    rematch = st.checkbox("If the fit is poor: I would like the trust to find me a new match")
    reason = st.text_input("Why a new match would help (optional)", max_chars=500)
    return {
        "fit": fit,
        "rating": rating,
        "comment": comment,
        "rematch": rematch,
        "rematch_reason": reason,
    }


def _survey_fields(form: responses.Form) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for key, question in SURVEY_QUESTIONS.items():
        answers[key] = st.radio(
            question,
            list(LIKERT),
            format_func=LIKERT.get,
            horizontal=True,
            index=None,
            key=f"survey_{key}",
        )
    if form.role == "mentee":
        answers["willing_to_mentor"] = st.checkbox("I would be willing to become a mentor")
    answers["comments"] = st.text_area("Any comments", max_chars=2000)
    return answers


def _details_fields(form: responses.Form) -> dict[str, Any]:
    now = form.current
    regions = [None, *REGIONS]
    return {
        "region": st.selectbox(
            "Region",
            regions,
            format_func=lambda r: r or "(not given)",
            index=regions.index(now.get("region")) if now.get("region") in regions else 0,
        ),
        "employer": st.text_input("Employer", value=now.get("employer") or "", max_chars=200),
        "specialty": st.text_input("Specialty", value=now.get("specialty") or "", max_chars=200),
        "opted_out": not st.checkbox("Send me programme emails", value=not now.get("opted_out")),
    }


def _report_fields(form: responses.Form) -> dict[str, Any]:
    kind = form.current.get("kind", "")
    return {
        "outcome": st.text_area(
            f"Your {kind} report: what has the project achieved?", max_chars=2000
        )
    }


FIELDS = {
    "meeting": _meeting_fields,
    "checkin": _checkin_fields,
    "survey": _survey_fields,
    "details": _details_fields,
    "report": _report_fields,
}


def render() -> None:
    token = str(st.query_params.get("t", ""))
    done = st.session_state.get("respond_done")
    if done and done[0] == token:
        st.title("Thank you")
        st.success(done[1])
        return
    if not allowed_once(f"respond_seen_{token[-16:]}"):
        _refuse(links.RateLimited().args[0])
        return
    try:
        with data.cursor() as cur:
            form = responses.open_form(cur, token)
    except links.LinkRefused as exc:
        _refuse(str(exc))
        return
    st.title(TITLES[form.purpose])
    st.write(f"Hello {safe.text(form.first_name)}.")
    with st.form("respond_form"):
        answers = FIELDS[form.purpose](form)
        sent = st.form_submit_button("Send", type="primary")
    if not sent:
        return
    if not limiter().allow(auth.client_address()):
        st.error(links.RateLimited().args[0])
        return
    try:
        with data.cursor() as cur:
            said = responses.submit(cur, token, answers)
    except links.LinkRefused:
        st.rerun()  # revoked or used up meanwhile: the rerun refuses it, with no form
    except Refused as exc:
        st.error(str(exc))
        return
    data.clear_caches()
    st.session_state["respond_done"] = (token, said)
    st.rerun()
