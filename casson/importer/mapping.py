"""Mapping a file's headers to a kind's columns, from the header words AND the values.

Each header gets candidates, scored:
  100  the header is the column's name or an alias ("Full Name", "email address");
  50+  the header's words contain one of the column's phrases ("Which region do you work in?"
       mentions region), longer phrases scoring higher;
  40   values alone, for columns whose values say what they are (email addresses, region
       names, career stages, mentor/mentee);
  +20  when the values fit the column's parser (a header match whose values do not fit is
       dropped, unless the header is the column's own name: then the cells are the errors).
Forms' bookkeeping columns (ID, Start time, Last modified time…, and Email / Name holding
"anonymous" or nothing) get no candidates; a bookkeeping Email/Name with real values scores
below any question column. Candidates are then taken best first, one column per header.

A header left without a column but resembling one ("looks like themes") stops the import until
it is mapped or ignored on purpose: nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

import pandas as pd

from casson.importer.results import MAPPING, Choice
from casson.platform import parsers

if TYPE_CHECKING:
    from casson.importer.kind_types import Column, Kind


def normalise_header(text: object) -> str:
    """Case-, space- and punctuation-insensitive: 'Full Name', 'full_name', 'FULL-NAME' agree."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


# Forms exports add their own bookkeeping columns: ignored, and said so.
FORMS_COLUMNS = frozenset(normalise_header(h) for h in (
    "ID", "Start time", "Completion time", "Last modified time", "Timestamp"))
FORMS_PERSON = frozenset(("email", "name"))   # Microsoft Forms' respondent columns
ANONYMOUS = frozenset(("", "anonymous"))

_STOP = frozenset(("a", "an", "the", "you", "your", "are", "is", "be", "do", "does", "did", "of",
                   "to", "in", "at", "for", "on", "what", "which", "who", "where", "please", "i",
                   "my", "me", "we", "with", "would", "could", "can", "like", "will"))
SAMPLE_ROWS = 1000
SAMPLE_VALUES = 200


def words(text: str) -> tuple[str, ...]:
    """A header's meaningful words, lower case, plurals folded ("Themes" -> "theme")."""
    out = []
    for w in re.findall(r"[a-z0-9]+", str(text).lower().replace("e-mail", "email")):
        if w in _STOP:
            continue
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return tuple(out)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def signature(headers: list[str]) -> str:
    """The header set of a file (order aside): remembered mappings are kept per kind and
    signature."""
    joined = "\x1f".join(sorted(h.strip() for h in headers))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


# -- values ----------------------------------------------------------------------------------
def _sample(values: pd.Series) -> list[str]:
    head = values.head(SAMPLE_ROWS)
    unique = [v for v in head.unique().tolist() if v != ""]
    return unique[:SAMPLE_VALUES]


def fit(col: Column, sample: list[str]) -> float | None:
    """The share of distinct sample values the column's parser accepts (None: nothing to judge)."""
    if not sample or col.parse is None:
        return None
    sample = [v for v in sample if v.lower() not in col.empty_words]
    if not sample:
        return None
    if col.dtype == "email":
        return float(parsers.email_mask(pd.Series(sample, dtype="str")).mean())
    good = 0
    for value in sample:
        try:
            col.parse(value)
            good += 1
        except ValueError:
            pass
    return good / len(sample)


_DESCRIBE = {"email": "email addresses", "region": "region names", "career_stage": "career stages",
             "role": "mentor or mentee", "role_wanted": "mentor or mentee",
             "themes": "lists of themes",
             "offers": "lists of what is offered", "int": "whole numbers",
             "money": "amounts of money", "date": "dates", "datetime": "dates and times",
             "bool": "yes/no answers", "willing_to_mentor": "yes/no/maybe answers",
             "url": "web addresses"}


def _values_are(col: Column) -> str:
    if col.parse is parsers.parse_likert:
        return "its values are agree/disagree answers"
    described = _DESCRIBE.get(col.name, _DESCRIBE.get(col.dtype))
    if described is None:
        return f"its values are valid for {col.label.lower()}"
    return "its values are " + described


# -- the automatic mapping -----------------------------------------------------------------
def _candidates(spec: Kind, header: str, sample: list[str], forms_file: bool
                ) -> tuple[list[tuple[int, str, str]], tuple[str, str] | None]:
    """(score, column, reason) for one header, best first; and a looks-like reason for a column
    whose header matched but whose values did not fit (kept to explain a missing column)."""
    n = normalise_header(header)
    hw = words(header)
    out: list[tuple[int, str, str]] = []
    near: tuple[str, str] | None = None
    for col in spec.columns:
        score, reason = 0, ""
        exact = n == normalise_header(col.name) or n in {normalise_header(a) for a in col.aliases}
        if exact:
            score, reason = 100, f"header is {header!r}"
            if forms_file and n in FORMS_PERSON:
                score, reason = 30, f"Forms' own {header!r} column"
        else:
            best = max((len(p) for p in (words(ph) for ph in col.words) if _contains(hw, p)),
                       default=0)
            if best:
                said = said_in(header, _best_phrase(col, hw))
                score, reason = 50 + 5 * best, f"the header says “{said}”"
        share = fit(col, sample)
        if score and share is not None:
            if share >= 0.8:
                score, reason = score + 20, f"{reason} and {_values_are(col)}"
            elif score < 100 and share < 0.5:
                # A look-alike all the same: left unmapped it stops the import (nothing dropped).
                near = near or (col.name, f"{reason}, but most of its values are not "
                                          f"{_values_are(col)[15:]}")
                continue
        elif not score and col.sniff and share is not None and share >= 0.8:
            score, reason = 40, _values_are(col).replace("its values", "the values", 1)
        if score:
            out.append((score, col.name, reason))
    out.sort(key=lambda c: -c[0])
    return out, near


def _best_phrase(col: Column, hw: tuple[str, ...]) -> tuple[str, ...]:
    found = [words(ph) for ph in col.words if _contains(hw, words(ph))]
    return max(found, key=len) if found else ()


def said_in(header: str, phrase: tuple[str, ...]) -> str:
    """The words of the header that matched a phrase, as the header writes them ("many
    mentees" of "How many mentees could you take on?")."""
    tokens = [(m.start(), m.end(), words(m.group())) for m in
              re.finditer(r"[A-Za-z0-9]+(?:-[A-Za-z]+)?", header)]
    kept = [(a, b, w[0]) for a, b, w in tokens if w]
    folded = tuple(w for _a, _b, w in kept)
    n = len(phrase)
    for i in range(len(folded) - n + 1):
        if n and folded[i:i + n] == phrase:
            return header[kept[i][0]:kept[i + n - 1][1]]
    return " ".join(phrase)


def auto_choices(spec: Kind, headers: list[str], rows: pd.DataFrame | None = None) -> list[Choice]:
    """The automatic mapping of every header (rows: the file's cells, columns by position)."""
    samples = [_sample(rows[i]) if rows is not None and i in rows.columns else []
               for i in range(len(headers))]
    names = {normalise_header(c.name) for c in spec.columns} | {
        normalise_header(a) for c in spec.columns for a in c.aliases}
    normalised = [normalise_header(h) for h in headers]
    forms_file = any(n in FORMS_COLUMNS for n in normalised)
    forms: dict[int, str] = {}
    cands: list[tuple[int, int, str, str]] = []
    nears: dict[int, tuple[str, str]] = {}
    for i, (h, n) in enumerate(zip(headers, normalised, strict=True)):
        if n in FORMS_COLUMNS and n not in names:
            forms[i] = "Forms' own bookkeeping column"
            continue
        if n in FORMS_PERSON and forms_file and all(v.lower() in ANONYMOUS for v in samples[i]):
            forms[i] = f"Forms' own {h!r} column: " + ("'anonymous'" if samples[i] else "empty")
            continue
        found, near = _candidates(spec, h, samples[i], forms_file)
        if near:
            nears[i] = near
        cands.extend((score, i, col, reason) for score, col, reason in found)
    cands.sort(key=lambda c: (-c[0], c[1]))
    taken_by: dict[str, int] = {}
    picked: dict[int, tuple[str, str]] = {}
    for _score, i, col, reason in cands:
        if i in picked or col in taken_by:
            continue
        picked[i] = (col, reason)
        taken_by[col] = i
    choices = []
    for i, h in enumerate(headers):
        if i in forms:
            choices.append(Choice(h, None, forms[i], "forms"))
        elif i in picked:
            choices.append(Choice(h, picked[i][0], picked[i][1], "auto"))
        else:
            rest = [(col, reason) for score, j, col, reason in cands if j == i]
            if rest and normalised[i] in FORMS_PERSON and forms_file:
                col, _ = rest[0]  # Forms' own Email/Name lost to a question column: bookkeeping
                choices.append(Choice(h, None, f"Forms' own {h!r} column ({col} comes from "
                                               f"{headers[taken_by[col]]!r})", "forms"))
            elif rest:
                col, reason = rest[0]
                choices.append(Choice(h, None, f"{reason}, but {col} comes from "
                                               f"{headers[taken_by[col]]!r}", "unmatched", col))
            elif i in nears:
                col, reason = nears[i]
                choices.append(Choice(h, None, reason, "unmatched", col))
            else:
                choices.append(Choice(h, None, "nothing in this format matches it", "unmatched"))
    return choices


def apply_given(spec: Kind, choices: list[Choice], given: dict[str, str | None], source: str
                ) -> tuple[list[Choice], list[dict]]:
    """Choices with a mapping laid over them (header -> column, or None to ignore on purpose)."""
    errors = []
    headers = [c.header for c in choices]
    out = list(choices)
    label = "remembered mapping" if source == "remembered" else "your mapping"
    for header, target in given.items():
        if target is not None and target not in spec.names:
            errors.append(_mapping_error(header, f"{header!r} cannot be mapped to {target!r}: "
                                         f"{spec.name} has no such column (choose one of "
                                         f"{', '.join(spec.names)})."))
            continue
        if header not in headers:
            if source == "given":
                errors.append(_mapping_error(header, f"There is no column {header!r} in the file "
                                             "(its headers: "
                                             f"{', '.join(repr(h) for h in headers)})."))
            continue
        for i, c in enumerate(out):
            if c.header == header:
                reason = f"{label}: ignored on purpose" if target is None else label
                out[i] = Choice(header, target, reason, source)
    # A column given explicitly wins over the automatic choice of the same column elsewhere.
    for i, c in enumerate(out):
        if c.source in ("auto", "unmatched") and c.field is not None:
            owner = next((o for o in out if o.field == c.field and o.source == source), None)
            if owner is not None:
                out[i] = Choice(c.header, None, f"{c.field} comes from {owner.header!r} ({label})",
                                "unmatched")
        elif c.looks_like is not None:
            owner = next((o for o in out if o.field == c.looks_like and o.source == source), None)
            if owner is not None:
                out[i] = Choice(c.header, None, f"{c.looks_like} comes from {owner.header!r} "
                                                f"({label})", "unmatched")
    return out, errors


def _mapping_error(value: str, reason: str) -> dict:
    return {"row": None, "column": MAPPING, "value": value, "reason": reason}


def check(spec: Kind, choices: list[Choice]) -> list[dict]:
    """What stops the import until the mapping changes: a required column missing, one column
    given twice, a column that looks like one but is left unmapped."""
    errors = []
    for col in spec.names:
        sources = [c.header for c in choices if c.field == col]
        if len(sources) > 1:
            errors.append(_mapping_error(", ".join(sources), (
                f"Columns {' and '.join(repr(s) for s in sources)} both give "
                f"{spec.column(col).label}: keep one and "
                f"set the other to (ignore) under Column mapping (command line: --ignore "
                f"\"{sources[-1]}\").")))
    for col in spec.required:
        if any(c.field == col for c in choices):
            continue
        near = [c for c in choices if c.looks_like == col and c.field is None]
        hint = f" {near[0].header!r} may be it: {near[0].reason}." if near else ""
        label = spec.column(col).label
        errors.append(_mapping_error(col, (
            f"No column is mapped to {label}, which is required.{hint} Under Column mapping, "
            f"choose {label} for the column that holds it (command line: --map "
            f"\"HEADER={col}\"); if the file has no such column, add one.")))
    for c in choices:
        if c.undecided:
            alike = c.looks_like or ""
            seems = spec.column(alike).label if alike in spec.names else alike
            errors.append(_mapping_error(c.header, (
                f"Column {c.header!r} looks like {seems} ({c.reason}) but is not imported. "
                f"Under Column mapping, choose {seems} or another column for it, or "
                f"(ignore) to leave it out on purpose (command line: --map "
                f"\"{c.header}={c.looks_like}\" or --ignore \"{c.header}\").")))
    return errors
