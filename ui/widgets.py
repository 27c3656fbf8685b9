"""Small reusable view pieces: cohort picker, a choice among thousands, KPI tiles."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, TypeVar

import streamlit as st

from casson.mentoring import cohorts
from casson.outcomes import figures
from ui import data, safe

REMEMBERED = "cohort_choice"  # the cohort chosen on any page, kept for the whole session


def _remember(key: str) -> None:
    st.session_state[REMEMBERED] = st.session_state[key]


def remember_cohort(cohort: str) -> None:
    """Choose a cohort for every page's picker from now on (e.g. one just created)."""
    st.session_state[REMEMBERED] = cohort


def remembered_cohort() -> str | None:
    """The cohort chosen on any page this session, else the default."""
    return st.session_state.get(REMEMBERED) or default_cohort()


def default_cohort() -> str | None:
    """The one default on every page: the current cohort (running, else the latest)."""
    with data.cursor() as cur:
        return cohorts.current(cur)


def is_open(container: Any) -> bool:
    """Lazy tabs and expanders (key=..., on_change="rerun"): draw the content only when open.

    `.open` is None for a tab set or expander without state; then its content is drawn, as
    before. Every hidden widget costs the browser on each page switch (a form: 30-60 ms)."""
    return container.open is not False


K = TypeVar("K", bound=Hashable)
CHOICE_LIMIT = 200  # options one select box offers; past this a search box narrows them first


def choose_one(label: str, options: Mapping[K, str], key: str, *, index: int | None = 0,
               **selectbox: Any) -> K | None:
    """A select box that stays quick with thousands of options (a profession-scale cohort).

    Up to CHOICE_LIMIT options it is a plain select box. Past that a search box comes first and
    the select box offers at most CHOICE_LIMIT of its matches, saying how many it left off.
    Every option costs the browser on each page switch: thousands of them cost a page 100 ms+.
    `selectbox` passes on to st.selectbox (placeholder, help)."""
    keys, limit = list(options), CHOICE_LIMIT
    if len(keys) > limit:
        needle = st.text_input(f"Find: {label.lower()}", key=f"{key}_find",
                               placeholder=f"part of a name or email ({len(keys):,} "
                                           "to choose from)")
        if needle.strip():
            wanted = needle.strip().lower()
            keys = [k for k in keys if wanted in options[k].lower()]
        if not keys:
            st.caption(f"No one matches {needle.strip()!r}.")
            return None
        if len(keys) > limit:
            st.caption(f"Showing the first {limit} of {len(keys):,}: type more of a name or "
                       "email to narrow.")
            keys = keys[:limit]
    return st.selectbox(label, keys, key=key, format_func=options.__getitem__, index=index,
                        **selectbox)


def cohort_picker(label: str = "Cohort", key: str = "cohort",
                  default: str | None = None) -> str | None:
    """THE cohort picker: at the top of the page's main area, one default (default_cohort), and
    the choice remembered across pages for the session. Returns the id (None when none exist).
    `default` is accepted for old callers and ignored: every page shares one default."""
    df = data.cohorts()
    if df.empty:
        st.info("There are no cohorts yet.")
        return None
    ids = df["id"].tolist()
    names = cohorts.labels(df)
    chosen = st.session_state.get(REMEMBERED)
    if chosen not in ids:
        chosen = default_cohort()
        st.session_state[REMEMBERED] = chosen
    # Set on every run: a page switch makes a new widget, which would otherwise start at index 0.
    st.session_state[key] = chosen
    return st.selectbox(label, ids, key=key, format_func=names.__getitem__,
                        on_change=_remember, args=(key,))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


KPI_GROUPS = ("reach", "response", "outcomes")
# Which KPI_ROWS each group of tiles shows, in figures.KPI_ROWS order within the group.
_GROUP_KINDS = {"reach": ("count",), "response": ("rate",), "outcomes": ("positive",)}
_N_WHO = {"respondents": "respondents (mentors and mentees)",
          "mentee_responses": "mentee respondents",
          "mentors": "mentors", "mentees": "mentees"}
_HELP = {"mentees_willing_to_mentor": "Mentee respondents who said they are willing to "
                                      "become mentors."}


def _rows(group: str) -> list[tuple[str, str, str, str | None]]:
    return [r for r in figures.KPI_ROWS if r[2] in _GROUP_KINDS[group]]


def _delta(k: dict[str, Any], previous: dict[str, Any] | None, key: str) -> str | int | None:
    """The change against the previous cohort as st.metric shows it (pp for percentages)."""
    for row_key, _, kind, basis in figures.KPI_ROWS:
        if row_key == key:
            d = figures.delta(k, previous, key, kind, basis)
            if d is None:
                return None
            return int(d) if kind == "count" else f"{d:+.1f} pp"
    return None


def _tile(col: Any, k: dict[str, Any], previous: dict[str, Any] | None,
          row: tuple[str, str, str, str | None]) -> None:
    key, label, kind, basis = row
    value = figures.kpi_value(k, key, kind, basis)
    if value is None:
        col.metric(label, "—", help=_HELP.get(key))
    else:
        col.metric(label, value if kind == "count" else _pct(value),
                   delta=_delta(k, previous, key), help=_HELP.get(key))
    n = figures.kpi_n(k, basis)
    if kind == "rate":
        answered = k["mentor_responses"] if basis == "mentors" else k["mentee_responses"]
        col.caption(f"n = {answered} of {n} {_N_WHO[basis or '']}")
    elif kind == "positive":
        note = figures.Share(0, n or 0).note
        col.caption(note if value is None else f"n = {n} {_N_WHO[basis or '']}")
    elif key == "mentees_willing_to_mentor":
        col.caption("no responses yet" if value is None
                    else f"of {k['mentee_responses']} mentee respondents")


def kpi_tiles(k: dict[str, Any], previous: dict[str, Any] | None = None,
              groups: tuple[str, ...] = KPI_GROUPS) -> None:
    """The KPI tiles of one cohort, row by row from figures.KPI_ROWS; every percentage has its n.

    previous: the previous cohort's KPIs, shown as deltas. groups: which of "reach",
    "response", "outcomes" to draw (presentation mode shows one group per screen).
    Percentages over fewer than figures.SMALL_N respondents are suppressed with a note.
    """
    if previous is not None:
        st.caption(f"Changes are against the previous cohort, {safe.text(previous['cohort'])}.")
    for group in groups:
        if group == "response":
            st.subheader("Survey response")
        elif group == "outcomes":
            st.subheader("Outcomes (agree or strongly agree)")
            if not figures.surveyed(k):
                st.info("No survey responses yet for this cohort.")
                continue
        rows = _rows(group)
        for col, row in zip(st.columns(len(rows)), rows, strict=True):
            _tile(col, k, previous, row)
