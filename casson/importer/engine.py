"""The one import engine of the Upload page and `python -m casson import`: the order of the jobs.

prepare() reads the file (reading), maps its headers (mapping, with the remembered mapping and
the one given), validates every cell (validation) and compares the valid rows with the database
(comparison), writing nothing. commit() writes the plan in ONE transaction (writing): all or
nothing unless valid_only; it logs the import and returns a new ImportResult (results),
leaving the Prepared as it was. run() is both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from casson.importer import mapping as mapper
from casson.importer import reading, remembered, validation
from casson.importer.kinds import Kind
from casson.importer.kinds import kind as kind_of
from casson.importer.results import (
    FILE,
    Choice,
    ImportResult,
    Prepared,
    concat_errors,
    errors_frame,
)
from casson.platform import audit, db, faults, queries, safety_copies

Progress = Callable[[float, str], object]  # whatever the callback returns is ignored


def _file_error(reason: str, value: str = "") -> dict:
    return {"row": None, "column": FILE, "value": value, "reason": reason}


def _read_source(source: bytes | str | Path, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), file_name or "upload"
    path = Path(source)
    size = path.stat().st_size  # OSError (missing, unreadable) is the caller's to report
    if size > reading.MAX_BYTES:
        raise reading.ReadError(f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
                                f"{reading.MAX_UPLOAD_MB} MB. Split it into smaller files.")
    return path.read_bytes(), file_name or path.name


def _cohort_errors(con: duckdb.DuckDBPyConnection, spec_name: str, needs: bool,
                   cohort_id: str | None) -> list[dict]:
    if needs and cohort_id is None:
        return [_file_error(f"Importing {spec_name} needs a cohort: choose one on "
                            "the page, or give "
                            "--cohort ID on the command line.")]
    if cohort_id is not None and queries.one(con, "mentoring/cohort_exists",
                                             cohort=cohort_id) is None:
        return [_file_error(f"There is no cohort {cohort_id!r}: create it first with `python -m "
                            f"casson cohort add {cohort_id} --name NAME` (or + New cohort… on the "
                            "Upload page).", cohort_id)]
    return []


def prepare(con: duckdb.DuckDBPyConnection, kind: str, source: bytes | str | Path, *,
            file_name: str | None = None, cohort: str | None = None,
            mapping: dict[str, str | None] | None = None, encoding: str | None = None,
            delimiter: str | None = None, progress: Progress | None = None,
            use_remembered: bool = True, sheet: str | None = None) -> Prepared:
    """Read, map and validate every row, and compare with the database. Writes nothing.

    mapping: header -> column (or None: ignored on purpose), laid over the automatic mapping
    and over the mapping remembered for this kind and header set. sheet: the workbook's sheet
    to read (default: the one whose header fits the kind best)."""
    spec = kind_of(kind)
    tell = progress or (lambda _f, _m: None)
    cohort_id = (cohort or "").strip() or None
    try:
        data, name = _read_source(source, file_name)
    except reading.ReadError as exc:
        prep = Prepared(spec.name, cohort_id, file_name or str(source), "", 0)
        prep.errors_frame = errors_frame([_file_error(str(exc))])
        return prep
    prep = Prepared(spec.name, cohort_id, name, hashlib.sha256(data).hexdigest(), len(data),
                    given=dict(mapping or {}))
    prep.previous = queries.rows(con, "importer/previous_imports", file_hash=prep.file_hash)
    file_errors = _cohort_errors(con, spec.name, spec.needs_cohort, cohort_id)
    tell(0.05, "Reading the file…")
    try:
        prep.table = reading.read(data, name, encoding=encoding, delimiter=delimiter,
                                  sheet=(sheet or "").strip() or None, choose=_fitting(spec))
    except reading.ReadError as exc:
        prep.errors_frame = errors_frame(file_errors + [_file_error(str(exc))])
        return prep
    table = prep.table

    tell(0.1, "Mapping the columns…")
    choices = mapper.auto_choices(spec, table.headers, table.rows)
    map_errors: list[dict] = []
    saved = remembered.find(con, spec.name, table.headers) if use_remembered else None
    if saved is not None:
        prep.remembered_id = saved["id"]
        choices, _ = mapper.apply_given(spec, choices, saved["mapping"], "remembered")
    if prep.given:
        choices, map_errors = mapper.apply_given(spec, choices, prep.given, "given")
    prep.choices = choices
    map_errors += mapper.check(spec, choices)
    file_errors += _report_errors(table, spec.name)
    if table.rows.empty:
        map_errors.append(_file_error("The file has a header row but no data rows."))
    if file_errors or map_errors:
        prep.notes = list(table.notes)
        prep.errors_frame = errors_frame(file_errors + map_errors)
        return prep

    tell(0.15, f"Checking {len(table.rows):,} rows…")
    position = {c.field: i for i, c in enumerate(choices) if c.field is not None}
    clean = pd.DataFrame(index=table.rows.index)
    raw: dict[str, pd.Series] = {}
    errors: list[pd.DataFrame] = []
    for n, col in enumerate(spec.columns):
        if col.name in position:
            raw[col.name] = table.rows[position[col.name]]
            clean[col.name], col_errors = validation.validate_column(col, raw[col.name])
            errors.extend(col_errors)
        else:
            clean[col.name] = validation.empty_column(clean.index, col.dtype)
        tell(0.15 + 0.45 * (n + 1) / len(spec.columns), f"Checking column {col.name}…")
    errors.append(validation.duplicates(spec, clean, raw))
    prep.clean = clean
    prep.errors_frame = concat_errors(errors)
    tell(0.65, "Comparing with the database…")
    plan, db_errors, prep.notes = _compare(con, prep, raw)
    if not db_errors.empty:
        prep.errors_frame = concat_errors([prep.errors_frame, db_errors])
        plan = plan.loc[~plan.index.isin(db_errors["row"].dropna())]
    prep.plan = plan
    prep.errors_frame = by_header(spec, prep.choices, prep.errors_frame)
    prep.notes = _notes(prep) + prep.notes
    tell(0.7, "Checked.")
    return prep


def _report_errors(table: reading.Table, kind: str) -> list[dict]:
    """An attendance report is imported as attendance, whatever kind was chosen."""
    if table.report is None or kind == "attendance":
        return []
    return [_file_error(f"This is a {table.report}: import it as attendance, not as {kind}.")]


def by_header(spec: Kind, choices: list[Choice], errors: pd.DataFrame) -> pd.DataFrame:
    """Errors naming the column as the file heads it when that is a question ("Would you be
    willing to mentor?"), not the column's name or an alias ("Email", "E-mail")."""
    renames = {}
    for c in choices:
        if c.field is None or c.field not in spec.names:
            continue
        col = spec.column(c.field)
        plain = {mapper.normalise_header(a) for a in (col.name, *col.aliases)}
        if mapper.normalise_header(c.header) not in plain:
            renames[c.field] = c.header
    if not renames or errors.empty:
        return errors
    return errors.assign(column=errors["column"].map(lambda v: renames.get(v, v)))


def _fitting(spec: Kind) -> reading.Choose:
    """The workbook's sheet whose header fits the kind: most required columns, then most columns
    mapped (the first sheet on a tie)."""
    def score(table: reading.Table) -> tuple[int, int]:
        choices = mapper.auto_choices(spec, table.headers, table.rows)
        fields = {c.field for c in choices if c.field is not None}
        return len(fields & set(spec.required)), len(fields)

    def choose(tables: list[reading.Table]) -> reading.Table:
        return max(tables, key=score)  # max keeps the first of equals
    return choose


def _previous_note(prep: Prepared) -> str:
    last = prep.previous[0]
    before = (f"This exact file was imported before ({last['kind']}, "
              f"{last['imported_at']:%d %b %Y %H:%M} by {last['actor']})")
    counts = prep.counts
    changed = counts["new"] + counts["updated"]
    if changed == 0:
        return before + ": the rows already stored are unchanged."
    return (before + f", but {changed:,} of its rows differ from what is stored now "
            f"({counts['new']:,} new, {counts['updated']:,} updated): importing again writes them.")


def _notes(prep: Prepared) -> list[str]:
    notes = list(prep.table.notes) if prep.table is not None else []
    if prep.previous:
        notes.append(_previous_note(prep))
    if prep.remembered_id is not None:
        notes.append("The mapping remembered for files with these headers was applied "
                     f"(saved mapping #{prep.remembered_id}).")
    on_purpose = [c.header for c in prep.choices if c.field is None and c.source in
                  ("given", "remembered")]
    if on_purpose:
        notes.append("Left out on purpose (your mapping): " + ", ".join(on_purpose) + ".")
    unrelated = [c.header for c in prep.choices if c.field is None and c.source == "unmatched"
                 and c.looks_like is None]
    if unrelated:
        notes.append(f"Not imported, as nothing in the {prep.kind} format matches them: "
                     + ", ".join(unrelated) + ".")
    if prep.forms_ignored:
        notes.append("Ignored Forms columns: " + ", ".join(prep.forms_ignored) + ".")
    return notes


def _valid_rows(prep: Prepared, errors: pd.DataFrame) -> pd.DataFrame:
    assert prep.clean is not None
    bad = errors["row"].dropna().unique()
    if len(bad) == 0:
        return prep.clean  # copy-on-write: later column additions never touch it
    return prep.clean.loc[~prep.clean.index.isin(bad)]


def _compare(con: duckdb.DuckDBPyConnection, prep: Prepared,
             raw: dict[str, pd.Series] | None = None,
             errors: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(plan of the valid rows with _status, errors only the database reveals, notes)."""
    spec = kind_of(prep.kind)
    rows = _valid_rows(prep, prep.errors_frame if errors is None else errors)
    plan, db_errors, notes = spec.compare(con, spec, prep, rows, raw or {})
    return plan, db_errors, notes


# -- committing ---------------------------------------------------------------------------------
class _Rejected(Exception):
    def __init__(self, errors: pd.DataFrame) -> None:
        super().__init__("rejected")
        self.errors = errors


def _log(cur: duckdb.DuckDBPyConnection, prep: Prepared, actor: str, status: str,
         counts: dict[str, int]) -> int:
    return queries.rows(cur, "importer/import_log", actor=actor, import_kind=prep.kind,
                        import_file=prep.file_name, file_hash=prep.file_hash or "-",
                        cohort=prep.cohort, rows_total=prep.rows_total, rows_new=counts["new"],
                        rows_updated=counts["updated"], rows_unchanged=counts["unchanged"],
                        rows_error=counts["error"], import_status=status)[0]["id"]


def decisions(prep: Prepared) -> dict[str, str | None]:
    """The mapping a user decided (remembered or given), header -> column or None (ignored)."""
    return {c.header: c.field for c in prep.choices if c.source in ("remembered", "given")}


def _remember(cur: duckdb.DuckDBPyConnection, prep: Prepared, actor: str) -> int | None:
    """Save a corrected mapping for the next file with these headers (when one was given)."""
    if not prep.given or prep.table is None or prep.mapping_problems:
        return None
    return remembered.save(cur, prep.kind, prep.headers, decisions(prep), actor)


def _result(prep: Prepared, status: str, import_id: int | None, counts: dict[str, int],
            errors: pd.DataFrame, with_bad_rows: bool, mapping_saved: int | None = None
            ) -> ImportResult:
    from casson.importer.results import bad_rows_csv

    return ImportResult(kind=prep.kind, status=status, import_id=import_id,
                        file_name=prep.file_name,
                        file_hash=prep.file_hash, rows_total=prep.rows_total,
                        rows_new=counts["new"],
                        rows_updated=counts["updated"], rows_unchanged=counts["unchanged"],
                        rows_error=counts["error"], errors_frame=errors, notes=list(prep.notes),
                        bad_rows=bad_rows_csv(prep.table, errors) if with_bad_rows else None,
                        mapping_saved=mapping_saved)


def _reject(con: duckdb.DuckDBPyConnection, prep: Prepared, actor: str, counts: dict[str, int],
            errors: pd.DataFrame) -> ImportResult:
    def work(cur: duckdb.DuckDBPyConnection) -> tuple[int, int | None]:
        return _log(cur, prep, actor, "rejected", counts), _remember(cur, prep, actor)

    import_id, saved = db.write(con, work)
    return _result(prep, "rejected", import_id, counts, errors, True, saved)


def commit(con: duckdb.DuckDBPyConnection, prep: Prepared, actor: str = "import", *,
           valid_only: bool = False,
           dry_run: bool = False, progress: Progress | None = None) -> ImportResult:
    """Write a prepared import in one transaction and log it (rejections and dry runs too).

    All-or-nothing unless valid_only, which writes the valid rows and hands back the rest.
    The comparison with the database is redone inside the transaction, so what is written
    matches the database as it is at that moment. A mapping the user gave is remembered."""
    tell = progress or (lambda _f, _m: None)
    counts = prep.counts
    if not prep.readable or (not valid_only and not prep.errors_frame.empty) or (
            valid_only and prep.plan is not None and prep.plan.empty
            and not prep.errors_frame.empty):
        return _reject(con, prep, actor, counts, prep.errors_frame)
    if dry_run:
        import_id = db.write(con, lambda cur: _log(cur, prep, actor, "dry_run", counts))
        return _result(prep, "dry_run", import_id, counts, prep.errors_frame, valid_only)
    spec = kind_of(prep.kind)

    def work(cur: duckdb.DuckDBPyConnection
             ) -> tuple[int, dict[str, int], pd.DataFrame, int | None]:
        tell(0.75, "Comparing with the database…")
        # Only the file's own errors: the database's are found again, as it is now.
        file_errors = prep.errors_frame
        plan, db_errors, _ = _compare(cur, prep, errors=file_errors)
        errors = file_errors
        if not db_errors.empty:
            errors = concat_errors([errors, by_header(spec, prep.choices, db_errors)])
            if not valid_only:
                raise _Rejected(errors)
            plan = plan.loc[~plan.index.isin(db_errors["row"].dropna())]
        status_counts = plan["_status"].value_counts()
        done = {"new": int(status_counts.get("new", 0)),
                "updated": int(status_counts.get("updated", 0)),
                "unchanged": int(status_counts.get("unchanged", 0)),
                "error": int(errors["row"].dropna().nunique())}
        status = "partial" if done["error"] else "committed"
        import_id = _log(cur, prep, actor, status, done)
        faults.point("import.logged")
        tell(0.85, f"Writing {done['new'] + done['updated']:,} rows…")
        spec.write(cur, spec, prep, plan, actor, import_id)
        faults.point("import.written")
        audit.record(cur, actor, f"import.{prep.kind}", "imports", import_id,
                     {"file_name": prep.file_name, "file_hash": prep.file_hash,
                      "cohort": prep.cohort, **done, "status": status})
        return import_id, done, errors, _remember(cur, prep, actor)


    tell(0.7, "Backing up the database…")
    safety_copies.before_change(con, f"before-import-{prep.kind}")
    try:
        import_id, done, errors, saved = db.write(con, work)
    except _Rejected as rejected:
        counts = {**counts, "error": int(rejected.errors["row"].dropna().nunique())}
        return _reject(con, prep, actor, counts, rejected.errors)
    tell(1.0, "Done.")
    status = "partial" if done["error"] else "committed"
    return _result(prep, status, import_id, done, errors, done["error"] > 0, saved)


def run(con: duckdb.DuckDBPyConnection, kind: str, source: bytes | str | Path, *,
        actor: str = "import",
        cohort: str | None = None, file_name: str | None = None, dry_run: bool = False,
        valid_only: bool = False, mapping: dict[str, str | None] | None = None,
        progress: Progress | None = None, sheet: str | None = None) -> ImportResult:
    """prepare() then commit(): the whole import as the CLI does it."""
    prep = prepare(con, kind, source, file_name=file_name, cohort=cohort, mapping=mapping,
                   progress=progress, sheet=sheet)
    return commit(con, prep, actor, valid_only=valid_only, dry_run=dry_run, progress=progress)
