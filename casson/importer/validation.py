"""Validation of the file alone, column at a time: each cell parsed, required cells present,
keys not repeated inside the file. Nothing here reads the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from casson.importer import reading
from casson.importer.results import errors_frame
from casson.platform import parsers
from casson.platform import text as text_check

if TYPE_CHECKING:
    from casson.importer.kind_types import Column, Kind

# An exported value that a spreadsheet would run was prefixed with ' (casson.platform.exports).
_FORMULA_ESCAPED = r"'[=+\-@\t\r]"
# What a spreadsheet saves for a formula that failed (a VLOOKUP that found nothing): no value.
FORMULA_ERRORS = frozenset(("#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
                            "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
                            "#GETTING_DATA", "#UNKNOWN!"))


def cell_errors(mask: pd.Series, column: str, raw: pd.Series,
                reasons: pd.Series | str) -> pd.DataFrame:
    """One error per True cell of mask, naming the file's row, the column and the value."""
    if not mask.any():
        return errors_frame()
    hit = mask[mask].index
    why = reasons if isinstance(reasons, str) else reasons.loc[hit].to_numpy()
    return pd.DataFrame({"row": pd.array(hit, dtype="Int64"), "column": column,
                         "value": raw.loc[hit].to_numpy(), "reason": why})


def typed(values: pd.Series, dtype: str) -> pd.Series:
    """Parsed values (None for empty) as the pandas type their table column takes."""
    if dtype == "int":
        return pd.Series(pd.array(values.tolist(), dtype="Int64"), index=values.index)
    if dtype == "money":
        return pd.Series([np.nan if v is None else float(v) for v in values], index=values.index,
                         dtype="float64")
    if dtype == "bool":
        return pd.Series(pd.array(values.tolist(), dtype="boolean"), index=values.index)
    if dtype in ("date", "datetime"):
        return pd.to_datetime(pd.Series(values.tolist(), index=values.index, dtype=object))
    return values.astype("str")  # compact (Arrow-backed) text; NaN for missing


def empty_column(index: pd.Index, dtype: str) -> pd.Series:
    return typed(pd.Series(None, index=index, dtype=object), dtype)


def validate_column(col: Column, raw: pd.Series) -> tuple[pd.Series, list[pd.DataFrame]]:
    """One column: (typed values with None/NA for empty or bad cells, its cell errors)."""
    text = raw  # already stripped by reading
    escaped = text.str.match(_FORMULA_ESCAPED)
    if escaped.any():
        text = text.where(~escaped, text.str.slice(1))
    if col.empty_words:  # e.g. Microsoft Forms' "anonymous" respondent: no value
        text = text.where(~text.str.lower().isin(col.empty_words), "")
    errors = []
    failed = text.str.upper().isin(FORMULA_ERRORS)
    if failed.any():
        errors.append(cell_errors(failed, col.name, raw, (
            "is a formula's error value, not a value: fix the formula in the workbook (or type "
            "the value in the cell) and upload the file again")))
        text = text.where(~failed, "")
    empty = (text == "") & ~failed
    if col.required:
        errors.append(cell_errors(empty, col.name, raw,
                                  "is required but empty: fill it in the file"))
    too_long = text.str.len() > reading.MAX_CELL_CHARS
    errors.append(cell_errors(too_long, col.name, raw.str.slice(0, 60),
                              f"is longer than {reading.MAX_CELL_CHARS:,} characters"))
    text = text.where(~too_long, "")
    if col.parse is None:  # free text: one line unless the column is multi-line (kinds.py)
        errors.append(_control_errors(col, raw, text))
        text = text.where(~text.str.contains(_bad_pattern(col), regex=True), "")
    if col.parse is None:
        values = text.where(text != "")
    elif col.dtype == "email":
        good = parsers.email_mask(text)
        bad = ~good & (text != "")
        values = text.where(good)
        if bad.any():
            _, reasons = parsers.apply(text.where(bad, ""), col.parse)
            errors.append(cell_errors(bad, col.name, raw, reasons))
    else:
        values, reasons = parsers.apply(text, col.parse)
        errors.append(cell_errors(reasons.notna(), col.name, raw, reasons))
    return typed(values, col.dtype), errors


def _bad_pattern(col: Column) -> str:
    return text_check.MULTI_LINE_BAD if col.multi_line else text_check.SINGLE_LINE_BAD


def _control_errors(col: Column, raw: pd.Series, text: pd.Series) -> pd.DataFrame:
    """A line break in a one-line column (a name, a title), or a control character anywhere,
    named by row and column with the character (casson.platform.text)."""
    bad = text.str.contains(_bad_pattern(col), regex=True)
    if not bad.any():
        return errors_frame()
    why = pd.Series(
        [text_check.reason(text_check.first_bad(v, multi_line=col.multi_line) or "\0",
                           multi_line=col.multi_line) if hit else None
         for v, hit in zip(text, bad, strict=True)], index=text.index)
    return cell_errors(bad, col.name, raw, why)


def lower(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().str.lower()


def duplicates(spec: Kind, clean: pd.DataFrame, raw: dict[str, pd.Series]) -> pd.DataFrame:
    """Later rows repeating an earlier row's key (the kind's `unique`), inside the file."""
    if spec.unique is None:
        return errors_frame()
    unique = spec.unique
    parts = [lower(clean[c]) if unique.casefold else clean[c].astype("str") for c in unique.columns]
    key = parts[0]
    for part in parts[1:]:
        key = key + "\x1f" + part
    present = pd.concat([clean[c].notna() for c in unique.columns], axis=1).all(axis=1)
    key = key.where(present)
    dup = key.duplicated(keep="first") & present
    if not dup.any():
        return errors_frame()
    first = pd.Series(key[present & ~dup].index, index=key[present & ~dup].to_numpy())
    reasons = key[dup].map(lambda k: unique.message.format(row=first[k]))
    blame = raw.get(unique.blame, pd.Series("", index=clean.index))
    return cell_errors(dup, unique.blame, blame, reasons)
