"""What an import knows and returns: errors by cell, the prepared upload, the result of a commit."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from casson.importer import reading
from casson.platform import exports

ERROR_COLUMNS = ["row", "column", "value", "reason"]
FILE = "(file)"       # the column of an error about the whole file
MAPPING = "(mapping)"  # the column of an error the mapping fixes, not the file


@dataclass(frozen=True)
class RowError:
    row: int | None      # the file's row number (the header is row 1); None for the whole file
    column: str
    value: str
    reason: str

    def line(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column in (FILE, MAPPING):
            return f"{where}: {self.reason}"
        return f"{where}, {self.column}: {self.value!r} {self.reason}"


def _empty_errors() -> pd.DataFrame:
    df = pd.DataFrame([], columns=ERROR_COLUMNS)
    df["row"] = df["row"].astype("Int64")
    return df.astype({"column": object, "value": object, "reason": object})


_EMPTY = _empty_errors()


def errors_frame(items: list[dict] | None = None) -> pd.DataFrame:
    """Errors as a frame of row (file row number, or NA for the file), column, value, reason."""
    if not items:
        return _EMPTY.copy()  # the common case, many times per import: built once
    df = pd.DataFrame(items, columns=ERROR_COLUMNS)
    df["row"] = df["row"].astype("Int64")
    return df.astype({"column": object, "value": object, "reason": object})


def concat_errors(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return errors_frame()
    out = pd.concat(frames, ignore_index=True)
    out["row"] = out["row"].astype("Int64")
    return out.sort_values("row", kind="stable", na_position="first").reset_index(drop=True)


def error_list(frame: pd.DataFrame) -> list[RowError]:
    return [RowError(None if pd.isna(r.row) else int(r.row), r.column, r.value, r.reason)
            for r in frame.itertuples(index=False)]


def unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def bad_rows_csv(table: reading.Table | None, errors: pd.DataFrame) -> bytes | None:
    """The rows in error as they came, with an `errors` column: the file to fix and re-upload."""
    if table is None or errors["row"].dropna().empty:
        return None
    reasons = (errors.dropna(subset=["row"])
               .assign(text=lambda e: e["column"] + ": " + e["value"].astype(str) + " "
                       + e["reason"])
               .groupby("row")["text"].agg("; ".join))
    bad = table.rows.loc[table.rows.index.isin(reasons.index)].copy()
    bad.columns = unique_headers(table.headers)
    bad.insert(0, "row", bad.index)
    bad["errors"] = reasons.reindex(bad.index).to_numpy()
    return exports.csv_bytes(bad)


@dataclass(frozen=True)
class Choice:
    """Where one header of the file goes, and why (shown on the page, printed by the CLI)."""

    header: str
    field: str | None         # the kind's column, or None (not imported)
    reason: str               # "header mentions region; values are region names", "your mapping"…
    source: str               # auto | remembered | given | forms | unmatched
    looks_like: str | None = None   # unmapped but resembling this column: stops the import

    @property
    def undecided(self) -> bool:
        return self.field is None and self.looks_like is not None


@dataclass
class Prepared:
    """Everything known about an upload before anything is written."""

    kind: str
    cohort: str | None
    file_name: str
    file_hash: str
    size: int
    table: reading.Table | None = None
    choices: list[Choice] = field(default_factory=list)   # one per header, in file order
    remembered_id: int | None = None    # the saved mapping applied, if any
    given: dict[str, str | None] = field(default_factory=dict)   # the mapping asked for
    clean: pd.DataFrame | None = None    # canonical typed columns; index = file row number
    errors_frame: pd.DataFrame = field(default_factory=errors_frame)   # row, column, value, reason
    plan: pd.DataFrame | None = None     # valid rows with _status new/updated/unchanged
    notes: list[str] = field(default_factory=list)
    previous: list[dict] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [] if self.table is None else self.table.headers

    @property
    def assignment(self) -> list[str | None]:
        return [c.field for c in self.choices]

    @property
    def ignored(self) -> list[str]:
        return [c.header for c in self.choices if c.field is None and c.source != "forms"]

    @property
    def forms_ignored(self) -> list[str]:
        return [c.header for c in self.choices if c.source == "forms"]

    @property
    def rows_total(self) -> int:
        return 0 if self.table is None else len(self.table.rows)

    @property
    def readable(self) -> bool:
        return self.clean is not None

    @property
    def mapping_problems(self) -> bool:
        return bool((self.errors_frame["column"] == MAPPING).any())

    @property
    def error_rows(self) -> int:
        return int(self.errors_frame["row"].dropna().nunique())

    @property
    def counts(self) -> dict[str, int]:
        status = self.plan["_status"] if self.plan is not None else pd.Series(dtype=object)
        return {"new": int((status == "new").sum()), "updated": int((status == "updated").sum()),
                "unchanged": int((status == "unchanged").sum()), "error": self.error_rows}

    @property
    def errors(self) -> list[RowError]:
        """Every error as (row, column, value, reason), like ImportResult.errors."""
        return error_list(self.errors_frame)

    def error_list(self) -> list[RowError]:
        return self.errors

    def bad_rows_csv(self) -> bytes | None:
        return bad_rows_csv(self.table, self.errors_frame)


@dataclass(frozen=True)
class ImportResult:
    kind: str
    status: str                     # committed | partial | rejected | dry_run
    import_id: int | None
    file_name: str
    file_hash: str
    rows_total: int
    rows_new: int
    rows_updated: int
    rows_unchanged: int
    rows_error: int
    errors_frame: pd.DataFrame
    notes: list[str]
    bad_rows: bytes | None = None   # CSV of the rows not written (valid-only and rejected)
    mapping_saved: int | None = None   # the import_mappings row remembered for next time

    @property
    def errors(self) -> list[RowError]:
        return error_list(self.errors_frame)

    @property
    def written(self) -> bool:
        return self.status in ("committed", "partial")
