"""The leadership directory: courses and programmes, coaches and mentors.

Filters run over the whole (small) directory in pandas so the page's filters are live;
adds, edits and retirements are validated here and audited in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import duckdb
import pandas as pd

from casson.grants import entries
from casson.grants.entries import DirectoryError
from casson.platform import queries
from casson.platform.vocab import COACH_KINDS, COURSE_FORMATS, COURSE_LEVELS

COACH_OFFERS = ("coaching", "mentoring", "supervision", "workshops")
COURSE_FIELDS = ("provider", "title", "format", "level", "duration", "cost_from", "cost_note",
                 "is_free", "location", "url", "summary")
COACH_FIELDS = ("name", "organisation", "kind", "offers", "fee_from", "fee_note", "website",
                "notes")
LEVEL_LABELS = {"short course": "short course", "programme": "programme", "module": "module",
                "pgcert": "PgCert", "msc": "MSc"}
KIND_LABELS = {"ot_specialist": "OT specialist", "general": "general"}


# -- filters ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CourseFilters:
    cost_min: float | None = None     # pounds, on cost_from
    cost_max: float | None = None
    include_unknown_cost: bool = True  # courses with no published cost, when a range is set
    free_only: bool = False
    formats: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    text: str = ""
    include_retired: bool = False


def _contains(df: pd.DataFrame, columns: tuple[str, ...], text: str) -> pd.Series:
    needle = text.strip().lower()
    hit = pd.Series(False, index=df.index)
    for col in columns:
        hit |= df[col].fillna("").astype(str).str.lower().str.contains(needle, regex=False)
    return hit


def filter_courses(df: pd.DataFrame, f: CourseFilters) -> pd.DataFrame:
    """The courses passing every filter; an empty choice means no filter on that column."""
    keep = pd.Series(True, index=df.index)
    if not f.include_retired:
        keep &= ~df["retired"].astype(bool)
    if f.free_only:
        keep &= df["is_free"].astype(bool)
    if f.formats:
        keep &= df["format"].isin(f.formats)
    if f.levels:
        keep &= df["level"].isin(f.levels)
    if f.providers:
        keep &= df["provider"].isin(f.providers)
    cost = df["cost_from"].astype(float)
    known = cost.notna()
    if f.cost_min is not None or f.cost_max is not None:
        in_range = known.copy()
        if f.cost_min is not None:
            in_range &= cost >= f.cost_min
        if f.cost_max is not None:
            in_range &= cost <= f.cost_max
        keep &= in_range | (~known if f.include_unknown_cost else False)
    if f.text.strip():
        keep &= _contains(df, ("provider", "title", "summary", "location", "cost_note"), f.text)
    return df[keep]


@dataclass(frozen=True)
class CoachFilters:
    kinds: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()        # any of these
    fee_max: float | None = None        # coaches with no published fee are kept
    text: str = ""
    include_retired: bool = False


def filter_coaches(df: pd.DataFrame, f: CoachFilters) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if not f.include_retired:
        keep &= ~df["retired"].astype(bool)
    if f.kinds:
        keep &= df["kind"].isin(f.kinds)
    if f.offers:
        offered = df["offers"].fillna("").str.lower()
        keep &= pd.concat([offered.str.contains(o, regex=False) for o in f.offers],
                          axis=1).any(axis=1)
    if f.fee_max is not None:
        fee = df["fee_from"].astype(float)
        keep &= fee.isna() | (fee <= f.fee_max)
    if f.text.strip():
        keep &= _contains(df, ("name", "organisation", "offers", "notes", "fee_note"), f.text)
    return df[keep]


# -- validation -------------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _money(value: Any, what: str) -> Decimal | None:
    text = _text(value)
    if text is None:
        return None
    try:
        amount = Decimal(text.replace("£", "").replace(",", ""))
    except InvalidOperation:
        raise DirectoryError(f"The {what} {text!r} is not an amount of money.") from None
    if amount < 0:
        raise DirectoryError(f"The {what} cannot be negative ({text}).")
    return amount.quantize(Decimal("0.01"))


def _url(value: Any, what: str) -> str | None:
    url = _text(value)
    if url and not url.lower().startswith(("http://", "https://")):
        raise DirectoryError(f"The {what} {url!r} must start with http:// or https://.")
    return url


def clean_course(fields: dict[str, Any]) -> dict[str, Any]:
    """A course's fields checked and normalised, or DirectoryError naming the field."""
    out: dict[str, str | Decimal | bool | None] = {k: _text(fields.get(k)) for k in COURSE_FIELDS}
    for k in ("provider", "title"):
        if not out[k]:
            raise DirectoryError(f"A course needs a {k}.")
    if out["format"] and out["format"] not in COURSE_FORMATS:
        raise DirectoryError(f"Format {out['format']!r} is not one of {', '.join(COURSE_FORMATS)}.")
    if out["level"] and out["level"] not in COURSE_LEVELS:
        raise DirectoryError(f"Level {out['level']!r} is not one of {', '.join(COURSE_LEVELS)}.")
    out["cost_from"] = _money(fields.get("cost_from"), "cost from")
    out["is_free"] = bool(fields.get("is_free"))
    if out["is_free"] and out["cost_from"]:
        raise DirectoryError(f"{out['title']} is marked free or funded but costs from "
                             f"£{out['cost_from']:,}; untick free or set the cost to 0.")
    out["url"] = _url(fields.get("url"), "link")
    return out


def clean_coach(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, str | Decimal | None] = {k: _text(fields.get(k)) for k in COACH_FIELDS}
    if not out["name"]:
        raise DirectoryError("A coach or mentor needs a name.")
    out["kind"] = out["kind"] or "general"
    if out["kind"] not in COACH_KINDS:
        raise DirectoryError(f"Kind {out['kind']!r} is not one of {', '.join(COACH_KINDS)}.")
    offers = fields.get("offers")
    if isinstance(offers, list | tuple):
        offers = "; ".join(offers)
    out["offers"] = "; ".join(o.strip().lower() for o in (offers or "").replace(",", ";").split(";")
                              if o.strip()) or None
    out["fee_from"] = _money(fields.get("fee_from"), "fee from")
    out["website"] = _url(fields.get("website"), "website")
    return out


def _unique_course(cur: duckdb.DuckDBPyConnection, values: dict[str, Any],
                   course_id: int | None) -> None:
    if queries.one(cur, "grants/directory_course_find", course_provider=values["provider"],
                   course_title=values["title"], course_id=course_id):
        raise DirectoryError(f"{values['provider']} already has a course called "
                             f"{values['title']!r}.")


COURSES = entries.EntryList(
    record="course", noun="course", fields=COURSE_FIELDS, name_field="title", clean=clean_course,
    unique=_unique_course, get_query="grants/directory_course_get",
    insert_query="grants/directory_course_insert", update_query="grants/directory_course_update")
COACHES = entries.EntryList(
    record="coach", noun="coach", fields=COACH_FIELDS, name_field="name", clean=clean_coach,
    get_query="grants/directory_coach_get", insert_query="grants/directory_coach_insert",
    update_query="grants/directory_coach_update")


# -- courses and coaches: the table-driven helper of casson.grants.entries --------------------

def get_course(con: duckdb.DuckDBPyConnection, course_id: int) -> dict[str, Any]:
    return entries.get(con, COURSES, course_id)


def add_course(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any]) -> int:
    """Add a course (audited); returns its id."""
    return entries.add(con, COURSES, actor, fields)


def update_course(con: duckdb.DuckDBPyConnection, actor: str, course_id: int,
                  fields: dict[str, Any], seen: int | None = None) -> None:
    """Change a course (audited); `seen`, the version the editor's copy had, refuses a stale
    save."""
    entries.update(con, COURSES, actor, course_id, fields, seen)


def set_course_retired(con: duckdb.DuckDBPyConnection, actor: str, course_id: int,
                       retired: bool) -> None:
    entries.set_retired(con, COURSES, actor, course_id, retired)


def get_coach(con: duckdb.DuckDBPyConnection, coach_id: int) -> dict[str, Any]:
    return entries.get(con, COACHES, coach_id)


def add_coach(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any]) -> int:
    return entries.add(con, COACHES, actor, fields)


def update_coach(con: duckdb.DuckDBPyConnection, actor: str, coach_id: int,
                 fields: dict[str, Any], seen: int | None = None) -> None:
    entries.update(con, COACHES, actor, coach_id, fields, seen)


def set_coach_retired(con: duckdb.DuckDBPyConnection, actor: str, coach_id: int,
                      retired: bool) -> None:
    entries.set_retired(con, COACHES, actor, coach_id, retired)


def courses(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every course of the directory, retired ones included (filter_courses hides them)."""
    return queries.df(con, "grants/directory_courses")


def coaches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every coach and mentor of the directory, retired ones included."""
    return queries.df(con, "grants/directory_coaches")
