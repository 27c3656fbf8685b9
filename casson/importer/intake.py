"""Intake's import kinds (declared in kinds.py): `interest`, the registration form's export
(the register of interest), and `suggestions`, readers' suggestions of a course or resource.

A registration says which cohort it wants as the form words it ("The next cohort (autumn 2022)",
"A future cohort"); "the next cohort" becomes the cohort chosen for the import (the page's
cohort, or --cohort), so the same form serves every year. Rows already on the register (same
email, role and cohort wanted) are matched, so re-uploading a file changes nothing."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from casson.importer import comparison
from casson.importer.comparison import Comparison
from casson.importer.results import Prepared, concat_errors, errors_frame
from casson.importer.validation import lower
from casson.platform import parsers as p

if TYPE_CHECKING:
    from casson.importer.kind_types import Kind

NEXT = "next"
_COHORT_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,39}")
_FUTURE_WORDS = ("future", "later", "not sure", "any", "don't mind", "dont mind", "no preference")
_NEXT_WORDS = ("next", "this", "upcoming", "current", "coming")


def parse_cohort_wanted(text: str) -> str:
    """'A future cohort' -> future; 'The next cohort (autumn 2022)' -> next (the import's
    cohort); a cohort id as it is."""
    words = text.strip().lower()
    if any(w in words for w in _FUTURE_WORDS):
        return "future"
    if any(re.search(rf"\b{w}\b", words) for w in _NEXT_WORDS):
        return NEXT
    if _COHORT_ID.fullmatch(words):
        return words
    raise ValueError("is not a cohort: expected 'the next cohort', 'a future cohort' or a cohort "
                     "id such as cohort-3")


def parse_day(text: str) -> date:
    """A date, or a date and time as Forms write 'Completion time' (the day is kept)."""
    return p.parse_datetime(text).date()


def parse_url(text: str) -> str:
    """A web address; anything else (javascript:, a file path) is refused."""
    if not re.match(r"https?://\S+$", text.strip(), re.IGNORECASE):
        raise ValueError("is not a web address (it should start with https://)")
    return text.strip()


def parse_suggestion_kind(text: str) -> str:
    words = text.strip().lower()
    if any(w in words for w in ("course", "programme", "program", "module", "training")):
        return "course"
    if any(w in words for w in ("resource", "article", "website", "web", "book", "paper", "journal",
                                "report", "podcast", "video")):
        return "resource"
    raise ValueError("is neither a course nor a resource (e.g. 'A course or "
                     "programme', 'An article')")


def compare_interest(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, rows: pd.DataFrame,
                     raw: dict[str, pd.Series]) -> Comparison:
    """'The next cohort' is the import's cohort; then rows are matched to the register by email,
    role and cohort wanted."""
    rows = rows.copy()
    wanted = rows["cohort_wanted"] if "cohort_wanted" in rows else pd.Series(None, index=rows.index)
    errors = []
    if prep.cohort:
        wanted = wanted.fillna(NEXT).replace(NEXT, prep.cohort)
    else:
        for row in rows.index[wanted == NEXT]:
            errors.append({"row": row, "column": "cohort_wanted",
                           "value": comparison.raw_value(raw, "cohort_wanted", row, NEXT),
                           "reason": "says the next cohort: choose which cohort that "
                                     "is (the cohort "
                                     "box on the Upload page, or --cohort ID)"})
        wanted = wanted.fillna("future")
    rows["cohort_wanted"] = wanted
    rows["consent"] = (rows["consent"].astype("boolean").fillna(False) if "consent" in rows
                       else False)
    found = _keyed_interest(con, spec, prep, rows, raw)
    return Comparison(found.plan, concat_errors([found.errors, errors_frame(errors)]), found.notes)


_keyed_interest = comparison.keyed(
    "importer/interest_existing",
    lambda f: lower(f["email"]) + "\x1f" + f["role_wanted"].astype("string") + "\x1f"
    + f["cohort_wanted"].astype("string"),
    ["full_name", "region", "consent", "source", "notes"])

compare_suggestions = comparison.keyed(
    "importer/suggestions_existing",
    lambda f: f["kind"].astype("string") + "\x1f" + lower(f["title"]) + "\x1f"
    + lower(f["email"].fillna("")),
    ["provider", "url", "year", "topic", "note", "suggested_by"])
