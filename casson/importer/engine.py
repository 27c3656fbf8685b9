"""The one import engine of the Upload page and `python -m casson import`.

prepare() reads, maps and validates every row and compares it with the database without
writing; commit() writes the valid plan in ONE transaction (all-or-nothing unless
valid_only) and logs the import. run() is both. Validation is column-at-a-time (pandas),
and writes are bulk INSERT … SELECT / UPDATE … FROM over a registered DataFrame.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from casson import audit, db, exports, faults, queries
from casson.importer import parsers, reading
from casson.importer.kinds import FORMS_COLUMNS, KINDS, Column, Kind, normalise_header
from casson.importer.kinds import kind as kind_of
from casson.vocab import LEADERSHIP_CAP_GBP

SQL_DIR = Path(__file__).resolve().parent / "sql"
ERROR_COLUMNS = ["row", "column", "value", "reason"]
FILE = "(file)"
Progress = Callable[[float, str], None]


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RowError:
    row: int | None      # the file's row number (the header is row 1); None for the whole file
    column: str
    value: str
    reason: str

    def line(self) -> str:
        where = "file" if self.row is None else f"row {self.row}"
        if self.column == FILE:
            return f"{where}: {self.reason}"
        return f"{where}, {self.column}: {self.value!r} {self.reason}"


def _errors_frame(items: list[dict] | None = None) -> pd.DataFrame:
    df = pd.DataFrame(items or [], columns=ERROR_COLUMNS)
    df["row"] = df["row"].astype("Int64")
    return df.astype({"column": object, "value": object, "reason": object})


@dataclass
class Prepared:
    """Everything known about an upload before anything is written."""

    kind: str
    cohort: str | None
    file_name: str
    file_hash: str
    size: int
    table: reading.Table | None = None
    assignment: list[str | None] = field(default_factory=list)   # per header: column or None
    ignored: list[str] = field(default_factory=list)
    forms_ignored: list[str] = field(default_factory=list)
    clean: pd.DataFrame | None = None    # canonical typed columns; index = file row number
    errors_frame: pd.DataFrame = field(default_factory=_errors_frame)   # row, column, value, reason
    plan: pd.DataFrame | None = None     # valid rows with _status new/updated/unchanged
    notes: list[str] = field(default_factory=list)
    previous: list[dict] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [] if self.table is None else self.table.headers

    @property
    def rows_total(self) -> int:
        return 0 if self.table is None else len(self.table.rows)

    @property
    def readable(self) -> bool:
        return self.clean is not None

    @property
    def error_rows(self) -> int:
        rows = self.errors_frame["row"].dropna()
        return int(rows.nunique())

    @property
    def counts(self) -> dict[str, int]:
        status = self.plan["_status"] if self.plan is not None else pd.Series(dtype=object)
        return {"new": int((status == "new").sum()), "updated": int((status == "updated").sum()),
                "unchanged": int((status == "unchanged").sum()), "error": self.error_rows}

    @property
    def errors(self) -> list[RowError]:
        """Every error as (row, column, value, reason), like ImportResult.errors."""
        return [RowError(None if pd.isna(r.row) else int(r.row), r.column, r.value, r.reason)
                for r in self.errors_frame.itertuples(index=False)]

    def error_list(self) -> list[RowError]:
        return self.errors

    def bad_rows_csv(self) -> bytes | None:
        """The rows in error as they came, with an `errors` column: the file to fix and re-upload."""
        if self.table is None or self.errors_frame["row"].dropna().empty:
            return None
        reasons = (self.errors_frame.dropna(subset=["row"])
                   .assign(text=lambda e: e["column"] + ": " + e["value"].astype(str) + " " + e["reason"])
                   .groupby("row")["text"].agg("; ".join))
        bad = self.table.rows.loc[self.table.rows.index.isin(reasons.index)].copy()
        bad.columns = _unique(self.table.headers)
        bad.insert(0, "row", bad.index)
        bad["errors"] = reasons.reindex(bad.index).to_numpy()
        return exports.csv_bytes(bad)


@dataclass
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

    @property
    def errors(self) -> list[RowError]:
        return [RowError(None if pd.isna(r.row) else int(r.row), r.column, r.value, r.reason)
                for r in self.errors_frame.itertuples(index=False)]

    @property
    def written(self) -> bool:
        return self.status in ("committed", "partial")


class _Rejected(Exception):
    def __init__(self, errors: pd.DataFrame) -> None:
        super().__init__("rejected")
        self.errors = errors


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


# -- mapping headers to columns ----------------------------------------------------------------
def auto_mapping(kind: Kind, headers: list[str]) -> tuple[list[str | None], list[str]]:
    """Each header's column (or None), and the headers ignored as Forms bookkeeping."""
    exact: dict[str, str] = {}
    for col in kind.columns:
        exact.setdefault(normalise_header(col.name), col.name)
        for alias in col.aliases:
            exact.setdefault(normalise_header(alias), col.name)
    assignment: list[str | None] = []
    forms = []
    for h in headers:
        n = normalise_header(h)
        if n in FORMS_COLUMNS and n not in exact:
            forms.append(h)
            assignment.append(None)
        else:
            assignment.append(exact.get(n))
    # Long Forms questions ("How likely are you to recommend …?") by keyword, first come first served.
    for i, h in enumerate(headers):
        if assignment[i] is not None or h in forms:
            continue
        n = normalise_header(h)
        for col in kind.columns:
            if col.name not in assignment and any(k in n for k in col.keywords):
                assignment[i] = col.name
                break
    return assignment, forms


def map_headers(kind: Kind, headers: list[str], overrides: dict[str, str | None] | None = None
                ) -> tuple[list[str | None], list[str], list[str], list[dict]]:
    """(assignment, ignored headers, Forms headers, file-level errors)."""
    assignment, forms = auto_mapping(kind, headers)
    errors = []
    for header, target in (overrides or {}).items():
        if target is not None and target not in kind.names:
            errors.append({"row": None, "column": FILE, "value": header,
                           "reason": f"cannot be mapped to {target!r}: {kind.name} has no such column"})
            continue
        for i, h in enumerate(headers):
            if h == header:
                assignment[i] = target
    for col in kind.names:
        sources = [headers[i] for i, a in enumerate(assignment) if a == col]
        if len(sources) > 1:
            errors.append({"row": None, "column": FILE, "value": ", ".join(sources),
                           "reason": f"Columns {' and '.join(repr(s) for s in sources)} both give "
                                     f"{col}: keep one, or map the other to (ignore)."})
    for col in kind.required:
        if col not in assignment:
            accepted = [col] + list(kind.column(col).aliases)
            errors.append({"row": None, "column": FILE, "value": col,
                           "reason": f"Missing required column {col} (a header such as "
                                     f"{', '.join(repr(a) for a in accepted[:3])})."})
    ignored = [h for h, a in zip(headers, assignment, strict=True) if a is None and h not in forms]
    return assignment, ignored, forms, errors


# -- validating columns -------------------------------------------------------------------------
_FORMULA_ESCAPED = r"'[=+\-@\t\r]"


def _cell_errors(mask: pd.Series, column: str, raw: pd.Series, reasons: pd.Series | str) -> pd.DataFrame:
    if not mask.any():
        return _errors_frame()
    hit = mask[mask].index
    why = reasons if isinstance(reasons, str) else reasons.loc[hit].to_numpy()
    return pd.DataFrame({"row": pd.array(hit, dtype="Int64"), "column": column,
                         "value": raw.loc[hit].to_numpy(), "reason": why})


def _typed(values: pd.Series, dtype: str) -> pd.Series:
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


def _validate_column(col: Column, raw: pd.Series) -> tuple[pd.Series, list[pd.DataFrame]]:
    """One column: (typed values with None/NA for empty or bad cells, its cell errors)."""
    text = raw  # already stripped by reading
    # An exported value that a spreadsheet would run was prefixed with ' (casson.exports): undo it.
    escaped = text.str.match(_FORMULA_ESCAPED)
    if escaped.any():
        text = text.where(~escaped, text.str.slice(1))
    errors = []
    empty = text == ""
    if col.required:
        errors.append(_cell_errors(empty, col.name, raw, "is required but empty"))
    too_long = text.str.len() > reading.MAX_CELL_CHARS
    errors.append(_cell_errors(too_long, col.name, raw.str.slice(0, 60),
                               f"is longer than {reading.MAX_CELL_CHARS:,} characters"))
    text = text.where(~too_long, "")
    if col.parse is None:
        values = text.where(text != "")
    elif col.dtype == "email":
        good = parsers.email_mask(text)
        bad = ~good & (text != "")
        values = text.where(good)
        if bad.any():
            _, reasons = parsers.apply(text.where(bad, ""), col.parse)
            errors.append(_cell_errors(bad, col.name, raw, reasons))
    else:
        values, reasons = parsers.apply(text, col.parse)
        errors.append(_cell_errors(reasons.notna(), col.name, raw, reasons))
    return _typed(values, col.dtype), errors


def _duplicates(key: pd.Series, column: str, raw: pd.Series, what: str) -> pd.DataFrame:
    """Later rows repeating an earlier row's key."""
    present = key.notna()
    dup = key.duplicated(keep="first") & present
    if not dup.any():
        return _errors_frame()
    first = pd.Series(key[present & ~dup].index, index=key[present & ~dup].to_numpy())
    reasons = key[dup].map(lambda k: what.format(row=first[k]))
    return _cell_errors(dup, column, raw, reasons)


def _lower(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().str.lower()


def _file_checks(spec: Kind, clean: pd.DataFrame, raw: dict[str, pd.Series]) -> list[pd.DataFrame]:
    """Checks across rows of the file alone: duplicates inside it."""
    def r(col: str) -> pd.Series:
        return raw.get(col, pd.Series("", index=clean.index))

    name = spec.name
    if name in ("mentors", "mentees"):
        return [_duplicates(_lower(clean["email"]), "email", r("email"),
                            "has the same email as row {row} (ignoring case)")]
    if name == "survey":
        key = clean["role"].astype("str") + " " + _lower(clean["email"])
        return [_duplicates(key.where(clean["email"].notna() & clean["role"].notna()), "email",
                            r("email"), "is the same respondent as row {row} (same role and email, ignoring case)")]
    if name == "bids":
        return [_duplicates(clean["reference"], "reference", r("reference"), "repeats the reference of row {row}")]
    if name == "courses":
        key = _lower(clean["provider"]) + "\x1f" + _lower(clean["title"])
        return [_duplicates(key, "title", r("title"), "repeats the provider and title of row {row}")]
    if name == "coaches":
        return [_duplicates(_lower(clean["name"]), "name", r("name"), "repeats the name of row {row} (ignoring case)")]
    if name == "attendance":
        key = _lower(clean["session"]) + "\x1f" + _lower(clean["email"])
        return [_duplicates(key, "email", r("email"), "repeats row {row} (same session and email)")]
    return []


# -- preparing ----------------------------------------------------------------------------------
def _read_source(source: bytes | str | Path, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), file_name or "upload"
    path = Path(source)
    size = path.stat().st_size  # OSError (missing, unreadable) is the caller's to report
    if size > reading.MAX_BYTES:
        raise reading.ReadError(f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
                                f"{reading.MAX_UPLOAD_MB} MB. Split it into smaller files.")
    return path.read_bytes(), file_name or path.name


def prepare(con: duckdb.DuckDBPyConnection, kind: str, source: bytes | str | Path, *,
            file_name: str | None = None, cohort: str | None = None,
            mapping: dict[str, str | None] | None = None, encoding: str | None = None,
            delimiter: str | None = None, progress: Progress | None = None) -> Prepared:
    """Read, map and validate every row, and compare with the database. Writes nothing."""
    spec = kind_of(kind)
    tell = progress or (lambda _f, _m: None)
    try:
        data, name = _read_source(source, file_name)
    except reading.ReadError as exc:
        prep = Prepared(kind, cohort, file_name or str(source), "", 0)
        prep.errors_frame = _errors_frame([{"row": None, "column": FILE, "value": "", "reason": str(exc)}])
        return prep
    prep = Prepared(spec.name, cohort, name, hashlib.sha256(data).hexdigest(), len(data))
    prep.previous = queries.rows(con, "previous_imports", file_hash=prep.file_hash)
    file_errors = []
    cohort_id = (cohort or "").strip() or None
    prep.cohort = cohort_id
    if spec.needs_cohort and cohort_id is None:
        file_errors.append({"row": None, "column": FILE, "value": "",
                            "reason": f"Importing {spec.name} needs a cohort: choose one (--cohort ID)."})
    elif cohort_id is not None and queries.one(con, "cohort_exists", cohort=cohort_id) is None:
        file_errors.append({"row": None, "column": FILE, "value": cohort_id,
                            "reason": f"There is no cohort {cohort_id!r}: create it first."})
    tell(0.05, "Reading the file…")
    try:
        prep.table = reading.read(data, name, encoding=encoding, delimiter=delimiter)
    except reading.ReadError as exc:
        prep.errors_frame = _errors_frame(file_errors + [{"row": None, "column": FILE, "value": "",
                                                    "reason": str(exc)}])
        return prep
    table = prep.table
    assignment, prep.ignored, prep.forms_ignored, map_errors = map_headers(spec, table.headers, mapping)
    prep.assignment = assignment
    if table.rows.empty:
        map_errors.append({"row": None, "column": FILE, "value": "",
                           "reason": "The file has a header row but no data rows."})
    if file_errors or map_errors:
        prep.errors_frame = _errors_frame(file_errors + map_errors)
        return prep

    tell(0.15, f"Checking {len(table.rows):,} rows…")
    position = {col: i for i, col in enumerate(assignment) if col is not None}
    clean = pd.DataFrame(index=table.rows.index)
    raw: dict[str, pd.Series] = {}
    errors: list[pd.DataFrame] = []
    for n, col in enumerate(spec.columns):
        if col.name in position:
            raw[col.name] = table.rows[position[col.name]]
            if spec.name == "survey" and col.name == "email":  # Microsoft Forms' anonymous respondents
                raw[col.name] = raw[col.name].where(raw[col.name].str.strip().str.lower() != "anonymous", "")
            clean[col.name], col_errors = _validate_column(col, raw[col.name])
            errors.extend(col_errors)
        else:
            clean[col.name] = _typed(pd.Series(None, index=clean.index, dtype=object), col.dtype)
        tell(0.15 + 0.45 * (n + 1) / len(spec.columns), f"Checking column {col.name}…")
    errors.extend(_file_checks(spec, clean, raw))
    prep.clean = clean
    prep.errors_frame = _concat_errors(errors)
    tell(0.65, "Comparing with the database…")
    prep.plan, db_errors, prep.notes = _diff(con, prep, raw)
    if not db_errors.empty:
        prep.errors_frame = _concat_errors([prep.errors_frame, db_errors])
        prep.plan = prep.plan.loc[~prep.plan.index.isin(db_errors["row"].dropna())]
    if prep.previous:
        last = prep.previous[0]
        prep.notes.insert(0, f"This exact file was imported before ({last['kind']}, "
                             f"{last['imported_at']:%d %b %Y %H:%M} by {last['actor']}): rows "
                             "already stored are unchanged.")
    if prep.ignored:
        prep.notes.append("Ignored columns (not part of the " + spec.name + " format): "
                          + ", ".join(prep.ignored) + ".")
    if prep.forms_ignored:
        prep.notes.append("Ignored Forms columns: " + ", ".join(prep.forms_ignored) + ".")
    tell(0.7, "Checked.")
    return prep


def _concat_errors(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return _errors_frame()
    out = pd.concat(frames, ignore_index=True)
    out["row"] = out["row"].astype("Int64")
    return out.sort_values("row", kind="stable", na_position="first").reset_index(drop=True)


# -- comparing with the database ------------------------------------------------------------------
def _canon(s: pd.Series, dtype: str) -> pd.Series:
    """Values as comparable text (NA for missing), whatever type pandas or DuckDB gave them."""
    if dtype == "int":
        out = pd.to_numeric(s, errors="coerce").round().astype("Int64").astype("string")
    elif dtype == "money":  # compared in pence
        out = (pd.to_numeric(s, errors="coerce") * 100).round().astype("Int64").astype("string")
    elif dtype == "bool":
        out = s.astype("boolean").astype("string")
    elif dtype in ("date", "datetime"):
        out = pd.to_datetime(s).dt.strftime("%Y-%m-%d" if dtype == "date" else "%Y-%m-%d %H:%M:%S")
        out = out.astype("string")
    else:
        out = s.astype("string")
    return out.where(s.notna())


def _differs(spec: Kind, df: pd.DataFrame, columns: list[str], stored: pd.Series,
             old_suffix: str = "_old") -> pd.Series:
    """Rows (among those with a stored record) where some column has a non-empty incoming
    value unlike the stored one. Rows without a stored record are never compared."""
    changed = pd.Series(False, index=df.index)
    both = df.loc[stored.to_numpy()]
    if both.empty:
        return changed
    for name in columns:
        dtype = spec.column(name).dtype if name in spec.names else "text"
        new, old = _canon(both[name], dtype), _canon(both[name + old_suffix], dtype)
        differs = new.notna() & (old.isna() | (new != old).fillna(False))
        changed.loc[both.index] |= differs.to_numpy(dtype=bool)
    return changed


def _registered(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame):
    class _Ctx:
        def __enter__(self):
            con.register(name, frame)
            return frame

        def __exit__(self, *exc):
            con.unregister(name)

    return _Ctx()


def _valid(prep: Prepared) -> pd.DataFrame:
    bad = prep.errors_frame["row"].dropna().unique()
    if len(bad) == 0:
        return prep.clean  # copy-on-write: later column additions never touch it
    return prep.clean.loc[~prep.clean.index.isin(bad)]


def _diff(con: duckdb.DuckDBPyConnection, prep: Prepared, raw: dict[str, pd.Series] | None = None
          ) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(plan of valid rows with _status, errors only the database reveals, notes)."""
    spec = KINDS[prep.kind]
    rows = _valid(prep)
    raw = raw or {}
    return _DIFFS[spec.name](con, spec, prep, rows, raw)


def _people_for(con: duckdb.DuckDBPyConnection, email_keys: pd.Series) -> pd.DataFrame:
    keys = pd.DataFrame({"email_key": email_keys.dropna().unique()})
    with _registered(con, "incoming_keys", keys):
        found = con.execute(_sql("people_existing")).df()
    found["person_id"] = found["person_id"].astype("Int64")
    return found


PERSON_COLUMNS = ["full_name", "region", "career_stage", "specialty", "employer"]


def _diff_participants(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    role = spec.name[:-1]
    part_cols = ["themes", "capacity", "notes"] if role == "mentor" else ["themes", "goals"]
    rows = rows.assign(email_key=_lower(rows["email"]))
    people = _people_for(con, rows["email_key"])
    existing = queries_df(con, "participants_existing", cohort=prep.cohort, role=role)
    existing["person_id"] = existing["person_id"].astype("Int64")
    existing["participant_id"] = existing["participant_id"].astype("Int64")
    df = rows.reset_index(names="_row").merge(people, on="email_key", how="left", suffixes=("", "_old"))
    df = df.merge(existing, on="person_id", how="left", suffixes=("", "_old"))
    person_changed = _differs(spec, df, PERSON_COLUMNS, df["person_id"].notna())
    part_changed = _differs(spec, df, part_cols, df["participant_id"].notna())
    df["_person_changed"] = person_changed.to_numpy()
    df["_status"] = np.select([df["participant_id"].isna(), person_changed | part_changed],
                              ["new", "updated"], "unchanged")
    returning = int((df["person_id"].notna() & df["participant_id"].isna()).sum())
    notes = [f"{returning:,} returning {'person' if returning == 1 else 'people'} linked by email "
             "(already in the database from another cohort or role)."] if returning else []
    return df.set_index("_row"), _errors_frame(), notes


def queries_df(con, name: str, **params) -> pd.DataFrame:
    return con.execute(_sql(name), params).df()


def _diff_survey(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    rows = rows.assign(email_key=_lower(rows["email"]))
    people = _people_for(con, rows["email_key"])
    df = rows.reset_index(names="_row").merge(people[["email_key", "person_id"]], on="email_key", how="left")
    unlinked = int((df["email"].notna() & df["person_id"].isna()).sum())
    existing = queries_df(con, "survey_existing", cohort=prep.cohort)
    fields = ["role", "person_id", "submitted_at", "would_recommend", "relationship_successful",
              "grew_confidence", "career_development", "willing_to_mentor", "comments"]

    def signature(frame: pd.DataFrame) -> pd.Series:
        parts = [_canon(frame[f], "int" if f == "person_id" else spec.column(f).dtype)
                 .astype(object).fillna("") for f in fields]
        sig = parts[0].astype(str)
        for p in parts[1:]:
            sig = sig + "\x1f" + p.astype(str)
        return sig

    df["_sig"] = signature(df).to_numpy()
    df["_nth"] = df.groupby("_sig").cumcount()
    stored = pd.DataFrame({"_sig": signature(existing).to_numpy()})
    stored["_nth"] = stored.groupby("_sig").cumcount()
    stored["_stored"] = True
    df = df.merge(stored, on=["_sig", "_nth"], how="left")
    df["_status"] = np.where(df["_stored"].eq(True), "unchanged", "new")
    notes = [f"{unlinked:,} responses give an email that matches nobody in the database; they are "
             "stored without a link to a person."] if unlinked else []
    return df.set_index("_row"), _errors_frame(), notes


def _diff_keyed(con, spec: Kind, rows: pd.DataFrame, existing: pd.DataFrame, key, values: list[str]):
    rows = rows.copy()
    rows["_key"] = key(rows)
    existing = existing.copy()
    existing["_key"] = key(existing)
    existing = existing.drop_duplicates("_key")
    df = rows.reset_index(names="_row").merge(existing, on="_key", how="left", suffixes=("", "_old"))
    df["existing_id"] = df["existing_id"].astype("Int64")
    changed = _differs(spec, df, values, df["existing_id"].notna())
    df["_status"] = np.select([df["existing_id"].isna(), changed], ["new", "updated"], "unchanged")
    return df.set_index("_row")


BID_VALUES = ["applicant_name", "applicant_email", "employer", "region", "project_title", "fund",
              "amount_requested", "status", "received_on", "decided_on", "amount_awarded",
              "report_received", "notes"]


def _diff_bids(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    keys = pd.DataFrame({"reference": rows["reference"].dropna().unique()})
    with _registered(con, "incoming_keys", keys):
        existing = con.execute(_sql("bids_existing")).df()
    df = _diff_keyed(con, spec, rows, existing, lambda f: f["reference"], BID_VALUES)
    # The cap and the dates on the values the bid will have (the file's, else the stored ones).
    fund = df["fund"].fillna(df["fund_old"]).fillna("leadership")
    errors = []
    cap = float(LEADERSHIP_CAP_GBP)
    for col in ("amount_requested", "amount_awarded"):
        amount = pd.to_numeric(df[col].fillna(df[col + "_old"]), errors="coerce")
        over = (fund == "leadership") & (amount > cap)
        for row, value in zip(df.index[over], amount[over], strict=True):
            errors.append({"row": row, "column": col,
                           "value": _raw_value(raw, col, row, f"{value:,.2f}"),
                           "reason": f"is more than the £{LEADERSHIP_CAP_GBP:,} the leadership fund "
                                     "awards for one project"})
    received = pd.to_datetime(df["received_on"].fillna(df["received_on_old"]))
    decided = pd.to_datetime(df["decided_on"].fillna(df["decided_on_old"]))
    early = decided.notna() & received.notna() & (decided < received)
    for row in df.index[early]:
        errors.append({"row": row, "column": "decided_on",
                       "value": _raw_value(raw, "decided_on", row, str(decided[row].date())),
                       "reason": f"is before the bid was received ({received[row]:%d/%m/%Y})"})
    return df, _errors_frame(errors), []


def _raw_value(raw: dict[str, pd.Series], col: str, row: int, fallback: str) -> str:
    series = raw.get(col)
    if series is not None and row in series.index and series[row].strip():
        return series[row]
    return fallback


COURSE_VALUES = ["format", "level", "duration", "cost_from", "cost_note", "location", "url",
                 "is_free", "summary"]
COACH_VALUES = ["organisation", "kind", "offers", "fee_from", "website", "notes", "fee_note"]


def _diff_courses(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    existing = queries_df(con, "courses_existing")
    df = _diff_keyed(con, spec, rows, existing,
                     lambda f: _lower(f["provider"]) + "\x1f" + _lower(f["title"]), COURSE_VALUES)
    return df, _errors_frame(), []


def _diff_coaches(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    existing = queries_df(con, "coaches_existing")
    df = _diff_keyed(con, spec, rows, existing, lambda f: _lower(f["name"]), COACH_VALUES)
    return df, _errors_frame(), []


def _title_key(s: pd.Series) -> pd.Series:
    return _lower(s).map(lambda v: None if v is None else " ".join(v.split()))


def _diff_attendance(con, spec: Kind, prep: Prepared, rows: pd.DataFrame, raw):
    errors = []
    sessions = queries.df(con, "import_sessions")
    if prep.cohort:
        sessions = sessions[sessions["cohort_id"] == prep.cohort]
    sessions = sessions.assign(_title=_title_key(sessions["title"]),
                               _when=pd.to_datetime(sessions["starts_at"]).dt.strftime("%Y-%m-%d %H:%M"))
    rows = rows.assign(_title=_title_key(rows["session"]),
                       _when=pd.to_datetime(rows["starts_at"]).dt.strftime("%Y-%m-%d %H:%M"),
                       email_key=_lower(rows["email"]))
    by_title = sessions.groupby("_title")["session_id"].agg(list)
    by_when = sessions.groupby(["_title", "_when"])["session_id"].agg(list)
    where = f" in cohort {prep.cohort}" if prep.cohort else ""
    session_ids = []
    for row, title, when in zip(rows.index, rows["_title"], rows["_when"], strict=True):
        found = by_title.get(title, [])
        if isinstance(when, str) and found:
            found = by_when.get((title, when), [])
        if len(found) == 1:
            session_ids.append(found[0])
            continue
        session_ids.append(None)
        reason = (f"matches no session{where}" if not found else
                  f"matches {len(found)} sessions{where}: add a starts_at column to say which")
        errors.append({"row": row, "column": "session",
                       "value": _raw_value(raw, "session", row, title or ""), "reason": reason})
    rows = rows.assign(session_id=pd.array(session_ids, dtype="Int64"))
    people = _people_for(con, rows["email_key"])
    df = rows.reset_index(names="_row").merge(people[["email_key", "person_id"]], on="email_key", how="left")
    for row in df.loc[df["person_id"].isna(), "_row"]:
        errors.append({"row": row, "column": "email", "value": _raw_value(raw, "email", row, ""),
                       "reason": "matches nobody in the database: import them as a mentor or "
                                 "mentee first"})
    keys = pd.DataFrame({"person_id": df["person_id"].dropna().unique().astype("int64")})
    with _registered(con, "incoming_keys", keys):
        stored = con.execute(_sql("attendance_existing")).df()
    stored["_stored"] = True
    stored = stored.astype({"session_id": "Int64", "person_id": "Int64"})
    df = df.merge(stored, on=["session_id", "person_id"], how="left")
    df["_status"] = np.where(df["_stored"].eq(True), "unchanged", "new")
    return df.set_index("_row"), _errors_frame(errors), []


_DIFFS = {"mentors": _diff_participants, "mentees": _diff_participants, "survey": _diff_survey,
          "bids": _diff_bids, "courses": _diff_courses, "coaches": _diff_coaches,
          "attendance": _diff_attendance}


# -- writing ------------------------------------------------------------------------------------
def _write(cur: duckdb.DuckDBPyConnection, prep: Prepared, plan: pd.DataFrame, actor: str,
           import_id: int) -> None:
    spec = KINDS[prep.kind]
    new = plan[plan["_status"] == "new"]
    upd = plan[plan["_status"] == "updated"]
    if spec.name in ("mentors", "mentees"):
        role = spec.name[:-1]
        people_new = new[new["person_id"].isna()][["full_name", "email", "email_key"] + PERSON_COLUMNS[1:]]
        people_upd = plan[plan["_person_changed"]][["person_id"] + PERSON_COLUMNS]
        part_cols = ["email_key", "participant_id", "themes", "capacity", "goals", "notes"]
        with _registered(cur, "incoming_people", people_upd):
            if len(people_upd):
                cur.execute(_sql("people_update"))
        with _registered(cur, "incoming_people", people_new):
            if len(people_new):
                cur.execute(_sql("people_insert"))
        faults.point("import.people_written")
        for frame, statement in ((new, "participants_insert"), (upd, "participants_update")):
            if len(frame):
                part = frame.reindex(columns=part_cols)
                for text_col in ("themes", "goals", "notes"):  # absent for the other role: typed NULLs
                    if text_col not in frame.columns:
                        part[text_col] = pd.Series(np.nan, index=part.index, dtype="str")
                part["capacity"] = part["capacity"].astype("Int64")
                with _registered(cur, "incoming_participants", part):
                    cur.execute(_sql(statement), {"cohort": prep.cohort, "role": role}
                                if statement.endswith("insert") else {})
        return
    if spec.name == "survey":
        cols = ["role", "person_id", "submitted_at", "would_recommend", "relationship_successful",
                "grew_confidence", "career_development", "willing_to_mentor", "comments"]
        with _registered(cur, "incoming", new[cols]):
            if len(new):
                cur.execute(_sql("survey_insert"), {"cohort": prep.cohort, "import_id": import_id})
        return
    if spec.name == "attendance":
        with _registered(cur, "incoming", new[["session_id", "person_id"]]):
            if len(new):
                cur.execute(_sql("attendance_insert"))
        return
    cols = ["existing_id", "_status"] + spec.names
    for frame, statement in ((new, f"{spec.name}_insert"), (upd, f"{spec.name}_update")):
        if len(frame):
            with _registered(cur, "incoming", frame[cols]):
                params = {"actor": actor} if spec.name == "bids" else {}
                cur.execute(_sql(statement), params)
    if spec.name == "bids" and len(new) + len(upd):
        with _registered(cur, "incoming", pd.concat([new, upd])[cols]):
            cur.execute(_sql("bids_audit"), {"actor": actor, "import_id": import_id})


def _log(cur: duckdb.DuckDBPyConnection, prep: Prepared, actor: str, status: str,
         counts: dict[str, int]) -> int:
    return queries.rows(cur, "import_log", actor=actor, import_kind=prep.kind,
                        import_file=prep.file_name, file_hash=prep.file_hash or "-",
                        cohort=prep.cohort, rows_total=prep.rows_total, rows_new=counts["new"],
                        rows_updated=counts["updated"], rows_unchanged=counts["unchanged"],
                        rows_error=counts["error"], import_status=status)[0]["id"]


def _result(prep: Prepared, status: str, import_id: int | None, counts: dict[str, int],
            errors: pd.DataFrame, with_bad_rows: bool) -> ImportResult:
    return ImportResult(kind=prep.kind, status=status, import_id=import_id, file_name=prep.file_name,
                        file_hash=prep.file_hash, rows_total=prep.rows_total, rows_new=counts["new"],
                        rows_updated=counts["updated"], rows_unchanged=counts["unchanged"],
                        rows_error=counts["error"], errors_frame=errors, notes=list(prep.notes),
                        bad_rows=prep.bad_rows_csv() if with_bad_rows else None)


def commit(con: duckdb.DuckDBPyConnection, prep: Prepared, actor: str = "import", *, valid_only: bool = False,
           dry_run: bool = False, progress: Progress | None = None) -> ImportResult:
    """Write a prepared import in one transaction and log it (rejections and dry runs too).

    All-or-nothing unless valid_only, which writes the valid rows and hands back the rest.
    The comparison with the database is redone inside the transaction, so what is written
    matches the database as it is at that moment."""
    tell = progress or (lambda _f, _m: None)
    counts = prep.counts
    if not prep.readable or (not valid_only and not prep.errors_frame.empty) or (
            valid_only and prep.plan is not None and prep.plan.empty and not prep.errors_frame.empty):
        import_id = db.write(con, lambda cur: _log(cur, prep, actor, "rejected", counts))
        return _result(prep, "rejected", import_id, counts, prep.errors_frame, True)
    if dry_run:
        import_id = db.write(con, lambda cur: _log(cur, prep, actor, "dry_run", counts))
        return _result(prep, "dry_run", import_id, counts, prep.errors_frame, valid_only)

    def work(cur: duckdb.DuckDBPyConnection) -> tuple[int, dict[str, int], pd.DataFrame]:
        tell(0.75, "Comparing with the database…")
        plan, db_errors, _ = _diff(cur, prep)
        errors = prep.errors_frame
        if not db_errors.empty:
            errors = _concat_errors([errors, db_errors])
            if not valid_only:
                raise _Rejected(errors)
            plan = plan.loc[~plan.index.isin(db_errors["row"].dropna())]
        status_counts = plan["_status"].value_counts()
        done = {"new": int(status_counts.get("new", 0)), "updated": int(status_counts.get("updated", 0)),
                "unchanged": int(status_counts.get("unchanged", 0)),
                "error": int(errors["row"].dropna().nunique())}
        status = "partial" if done["error"] else "committed"
        import_id = _log(cur, prep, actor, status, done)
        faults.point("import.logged")
        tell(0.85, f"Writing {done['new'] + done['updated']:,} rows…")
        _write(cur, prep, plan, actor, import_id)
        faults.point("import.written")
        audit.record(cur, actor, f"import.{prep.kind}", "imports", import_id,
                     {"file_name": prep.file_name, "file_hash": prep.file_hash,
                      "cohort": prep.cohort, **done, "status": status})
        return import_id, done, errors

    from casson import backup  # a copy of the database as it was, before the import writes

    tell(0.7, "Backing up the database…")
    backup.before_change(con, f"before-import-{prep.kind}")
    try:
        import_id, done, errors = db.write(con, work)
    except _Rejected as rejected:
        counts = {**counts, "error": int(rejected.errors["row"].dropna().nunique())}
        prep.errors_frame = rejected.errors
        import_id = db.write(con, lambda cur: _log(cur, prep, actor, "rejected", counts))
        return _result(prep, "rejected", import_id, counts, rejected.errors, True)
    tell(1.0, "Done.")
    prep.errors_frame = errors
    status = "partial" if done["error"] else "committed"
    return _result(prep, status, import_id, done, errors, done["error"] > 0)


def run(con: duckdb.DuckDBPyConnection, kind: str, source: bytes | str | Path, *, actor: str = "import",
        cohort: str | None = None, file_name: str | None = None, dry_run: bool = False,
        valid_only: bool = False, mapping: dict[str, str | None] | None = None,
        progress: Progress | None = None) -> ImportResult:
    """prepare() then commit(): the whole import as the CLI does it."""
    prep = prepare(con, kind, source, file_name=file_name, cohort=cohort, mapping=mapping,
                   progress=progress)
    return commit(con, prep, actor, valid_only=valid_only, dry_run=dry_run, progress=progress)
