"""The Pairs workspace's filters and its history table: pure pandas, no database.

Mirrors bids.Filters / bids.apply: the page builds a Filters from its widgets and shows
apply(...) of the rows it read.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Filters:
    statuses: tuple[str, ...] = ()    # empty: every status
    region: str | None = None         # mentor's or mentee's
    theme: str | None = None          # mentor's or mentee's
    stage: str | None = None          # mentee's career stage
    mentor: int | None = None         # mentor participant id
    text: str = ""                    # names and emails of both people


def _has(series: pd.Series, needle: str) -> pd.Series:
    return series.fillna("").str.lower().str.contains(needle, regex=False)


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The pairs (rows of pairs_list) that pass every filter; region and theme match either
    person."""
    keep = pd.Series(True, index=df.index)
    if f.statuses:
        keep &= df["status"].isin(f.statuses)
    if f.region:
        keep &= (df["mentee_region"] == f.region) | (df["mentor_region"] == f.region)
    if f.theme:
        keep &= _has(df["mentee_themes"], f.theme) | _has(df["mentor_themes"], f.theme)
    if f.stage:
        keep &= df["mentee_stage"] == f.stage
    if f.mentor is not None:
        keep &= df["mentor_id"] == f.mentor
    needle = f.text.strip().lower()
    if needle:
        keep &= (_has(df["mentee_name"], needle) | _has(df["mentee_email"], needle)
                 | _has(df["mentor_name"], needle) | _has(df["mentor_email"], needle))
    return df[keep]


def apply_people(df: pd.DataFrame, role: str, f: Filters) -> pd.DataFrame:
    """Mentors (roster) or mentees (unmatched) that pass the filters that apply to one person."""
    keep = pd.Series(True, index=df.index)
    if f.region:
        keep &= df["region"] == f.region
    if f.theme:
        keep &= _has(df["themes"], f.theme)
    if f.stage and role == "mentee":
        keep &= df["career_stage"] == f.stage
    if f.mentor is not None and role == "mentor":
        keep &= df["mentor_id"] == f.mentor
    needle = f.text.strip().lower()
    if needle:
        keep &= _has(df[f"{role}_name"], needle) | _has(df[f"{role}_email"], needle)
    return df[keep]


def themes_in(series: pd.Series) -> list[str]:
    """Every theme named in a column of canonical '; ' separated lists."""
    found = series.dropna().str.split(";").explode().str.strip().str.lower()
    return sorted(t for t in found.unique() if t)


def _snap(text: Any) -> dict:
    return json.loads(text) if isinstance(text, str) and text else {}


def history(events: pd.DataFrame) -> pd.DataFrame:
    """pair_events as a readable table: mentee, mentor and status before and after."""
    rows = []
    for e in events.itertuples():
        b, a = _snap(e.before_state), _snap(e.after_state)
        rows.append({
            "when": e.occurred_at, "who": e.actor, "action": e.action,
            "mentee": a.get("mentee_name") or b.get("mentee_name"),
            "mentor before": b.get("mentor_name"), "mentor after": a.get("mentor_name"),
            "status before": b.get("status"), "status after": a.get("status"),
            "reason": e.reason, "undone": bool(e.undone) if e.undone is not None else False,
        })
    return pd.DataFrame(rows)


def when(value: Any) -> str:
    """A change's time as people read it: "10:04:11 on 22 Nov 2026"."""
    if isinstance(value, dt.datetime):
        return value.strftime("%H:%M:%S on %d %b %Y")
    return str(value)


def describe(events: list[dict[str, Any]]) -> str:
    """'Moved Ann Lee, by staff at 10:04:11 on 22 Nov 2026' or 'Accepted 14 suggested pairs,
    by staff at …' for the undo button."""
    if not events:
        return "nothing to undo"
    e = events[0]
    snap = json.loads(e["after_state"] or e["before_state"] or "{}")
    who = snap.get("mentee_name", f"pair {e['pair_id']}")
    n = len({x["pair_id"] for x in events})
    many = f"{n} pair{'s' if n != 1 else ''}"
    said = {"suggest": f"Accepted {n} suggested pair{'s' if n != 1 else ''}",
            "activate": f"Activated {many}", "withdraw": f"Withdrew {many}",
            "swap": "Swapped the mentees of two pairs"}.get(e["action"])
    if said is None or (n == 1 and e["action"] != "suggest"):
        said = f"{_VERBS.get(e['action'], e['action'].capitalize())} {who}"
    return f"{said}, by {e['actor']} at {when(e['occurred_at'])}"


_VERBS = {"create": "Paired", "reassign": "Moved", "end": "Ended the pair of", "lock": "Locked",
          "unlock": "Unlocked", "activate": "Activated", "withdraw": "Withdrew"}
