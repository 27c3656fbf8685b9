"""Comparison with the database: which valid rows are new, updated or unchanged, and the errors
only the database reveals (a person already in the other role, an unknown session, the cap).

Each kind's `compare` has the signature of `Compare`; the generic `keyed` covers a kind whose
rows are matched to stored rows by a key (bids, courses, coaches)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from casson.importer.kind_types import Compare, Comparison, Kind
from casson.importer.results import FILE, Prepared, errors_frame
from casson.importer.validation import lower
from casson.platform import queries
from casson.platform.vocab import LEADERSHIP_CAP_GBP


def canon(s: pd.Series, dtype: str) -> pd.Series:
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


def differs(spec: Kind, df: pd.DataFrame, columns: list[str], stored: pd.Series,
            old_suffix: str = "_old") -> pd.Series:
    """Rows (among those with a stored record) where some column has a non-empty incoming
    value unlike the stored one. Rows without a stored record are never compared."""
    changed = pd.Series(False, index=df.index)
    both = df.loc[stored.to_numpy()]
    if both.empty:
        return changed
    for name in columns:
        dtype = spec.column(name).dtype if name in spec.names else "text"
        new, old = canon(both[name], dtype), canon(both[name + old_suffix], dtype)
        changed_here = new.notna() & (old.isna() | (new != old).fillna(False))
        changed.loc[both.index] |= changed_here.to_numpy(dtype=bool)
    return changed


def raw_value(raw: dict[str, pd.Series], col: str, row: int, fallback: str) -> str:
    """The cell as the file gave it (for an error message), else a readable fallback."""
    series = raw.get(col)
    if series is not None and row in series.index and series[row].strip():
        return series[row]
    return fallback


def people_for(con: duckdb.DuckDBPyConnection, email_keys: pd.Series) -> pd.DataFrame:
    """The stored people of these lower-case emails."""
    keys = pd.DataFrame({"email_key": email_keys.dropna().unique()})
    found = queries.df_with(con, "importer/people_existing", {"incoming_keys": keys})
    found["person_id"] = found["person_id"].astype("Int64")
    return found


# -- mentors and mentees ---------------------------------------------------------------------
PERSON_COLUMNS = ["full_name", "region", "career_stage", "specialty", "employer"]


def participants(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, rows: pd.DataFrame,
                 raw: dict[str, pd.Series]) -> Comparison:
    role = spec.role or ""
    other = "mentee" if role == "mentor" else "mentor"
    part_cols: list[str] = [c for c in ("themes", "capacity", "goals", "notes") if c in spec.names]
    rows = rows.assign(email_key=lower(rows["email"]))
    people = people_for(con, rows["email_key"])
    existing = queries.df(con, "importer/participants_existing", cohort=prep.cohort, role=role)
    existing = existing.astype({"person_id": "Int64", "participant_id": "Int64"})
    df = rows.reset_index(names="_row").merge(people, on="email_key", how="left",
                                              suffixes=("", "_old"))
    df = df.merge(existing, on="person_id", how="left", suffixes=("", "_old"))
    person_changed = differs(spec, df, PERSON_COLUMNS, df["person_id"].notna())
    part_changed = differs(spec, df, part_cols, df["participant_id"].notna())
    df["_person_changed"] = person_changed.to_numpy()
    df["_status"] = np.select([df["participant_id"].isna(), person_changed | part_changed],
                              ["new", "updated"], "unchanged")
    # One role per cohort: nobody is both a mentor and a mentee of the same cohort.
    in_other = queries.df(con, "importer/participants_existing", cohort=prep.cohort, role=other)
    clash = df["person_id"].isin(in_other["person_id"].dropna().astype("int64"))
    errors = [{"row": row, "column": "email", "value": raw_value(raw, "email", row, ""),
               "reason": f"is already a {other} of cohort {prep.cohort}: one person cannot be both "
                         f"mentor and mentee of a cohort. Remove this row, or import them into "
                         "another cohort."} for row in df.loc[clash, "_row"]]
    returning = int((df["person_id"].notna() & df["participant_id"].isna() & ~clash).sum())
    notes = [f"{returning:,} returning {'person' if returning == 1 else 'people'} linked by email "
             "(already in the database from another cohort or role)."] if returning else []
    return Comparison(df.set_index("_row"), errors_frame(errors), notes)


# -- survey --------------------------------------------------------------------------------
SURVEY_FIELDS = ["role", "person_id", "submitted_at", "would_recommend", "relationship_successful",
                 "grew_confidence", "career_development", "willing_to_mentor", "comments"]


def survey(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, rows: pd.DataFrame,
           raw: dict[str, pd.Series]) -> Comparison:
    rows = rows.assign(email_key=lower(rows["email"]))
    people = people_for(con, rows["email_key"])
    df = rows.reset_index(names="_row").merge(people[["email_key", "person_id"]], on="email_key",
                                              how="left")
    unlinked = int((df["email"].notna() & df["person_id"].isna()).sum())
    existing = queries.df(con, "importer/survey_existing", cohort=prep.cohort)

    def signature(frame: pd.DataFrame) -> pd.Series:
        parts = [canon(frame[f], "int" if f == "person_id" else spec.column(f).dtype)
                 .astype(object).fillna("") for f in SURVEY_FIELDS]
        sig = parts[0].astype(str)
        for p in parts[1:]:
            sig = sig + "\x1f" + p.astype(str)
        return sig

    # A response has no key: the same answers (the nth time) count as already stored.
    df["_sig"] = signature(df).to_numpy()
    df["_nth"] = df.groupby("_sig").cumcount()
    stored = pd.DataFrame({"_sig": signature(existing).to_numpy()})
    stored["_nth"] = stored.groupby("_sig").cumcount()
    stored["_stored"] = True
    df = df.merge(stored, on=["_sig", "_nth"], how="left")
    df["_status"] = np.where(df["_stored"].eq(True), "unchanged", "new")
    notes = [f"{unlinked:,} responses give an email that matches nobody in the database; they are "
             "stored without a link to a person."] if unlinked else []
    return Comparison(df.set_index("_row"), errors_frame(), notes)


# -- kinds matched by a key ----------------------------------------------------------------
Key = Callable[[pd.DataFrame], pd.Series]
Check = Callable[[pd.DataFrame, dict[str, pd.Series]], list[dict]]


def keyed(existing_query: str, key: Key, values: list[str], key_frame: str | None = None,
          check: Check | None = None) -> Compare:
    """A Compare for rows matched to stored ones by key(frame): new when no stored row has the
    key, updated when a non-empty value differs, else unchanged. existing_query returns
    existing_id and the value columns; with key_frame, it reads that column's keys as
    `incoming_keys`. check sees the merged rows (stored values with suffix _old)."""
    def compare(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, rows: pd.DataFrame,
                raw: dict[str, pd.Series]) -> Comparison:
        if key_frame:
            keys = pd.DataFrame({key_frame: rows[key_frame].dropna().unique()})
            existing = queries.df_with(con, existing_query, {"incoming_keys": keys})
        else:
            existing = queries.df(con, existing_query)
        rows = rows.assign(_key=key(rows))
        existing = existing.assign(_key=key(existing)).drop_duplicates("_key")
        df = rows.reset_index(names="_row").merge(existing, on="_key", how="left",
                                                  suffixes=("", "_old"))
        df["existing_id"] = df["existing_id"].astype("Int64")
        changed = differs(spec, df, values, df["existing_id"].notna())
        df["_status"] = np.select([df["existing_id"].isna(), changed], ["new", "updated"],
                                  "unchanged")
        df = df.set_index("_row")
        return Comparison(df, errors_frame(check(df, raw) if check else []), [])
    return compare


def bid_checks(df: pd.DataFrame, raw: dict[str, pd.Series]) -> list[dict]:
    """The cap and the dates, on the values the bid will have (the file's, else the stored ones)."""
    fund = df["fund"].fillna(df["fund_old"]).fillna("leadership")
    errors = []
    cap = float(LEADERSHIP_CAP_GBP)
    for col in ("amount_requested", "amount_awarded"):
        amount = pd.to_numeric(df[col].fillna(df[col + "_old"]), errors="coerce")
        over = (fund == "leadership") & (amount > cap)
        for row, value in zip(df.index[over], amount[over], strict=True):
            errors.append({"row": row, "column": col,
                           "value": raw_value(raw, col, row, f"{value:,.2f}"),
                           "reason": f"is more than the £{LEADERSHIP_CAP_GBP:,} the "
                                     "leadership fund "
                                     "awards for one project"})
    received = pd.to_datetime(df["received_on"].fillna(df["received_on_old"]))
    decided = pd.to_datetime(df["decided_on"].fillna(df["decided_on_old"]))
    early = decided.notna() & received.notna() & (decided < received)
    for row in df.index[early]:
        errors.append({"row": row, "column": "decided_on",
                       "value": raw_value(raw, "decided_on", row, str(decided[row].date())),
                       "reason": f"is before the bid was received ({received[row]:%d/%m/%Y})"})
    return errors


# -- attendance ----------------------------------------------------------------------------
def _title_key(s: pd.Series) -> pd.Series:
    return lower(s).map(lambda v: None if v is None else " ".join(v.split()))


def _titles(sessions: pd.DataFrame) -> str:
    shown = [f"{t!r} ({pd.Timestamp(w):%d %b %Y})" for t, w in
             zip(sessions["title"], sessions["starts_at"], strict=True)][:10]
    more = " and more" if len(sessions) > 10 else ""
    return ", ".join(shown) + more if shown else "none yet"


def _session_ids(sessions: pd.DataFrame, rows: pd.DataFrame, raw: dict[str, pd.Series],
                 cohort: str | None, report: str | None) -> tuple[list[int | None], list[dict]]:
    """The session of each row: by title; several of one title are told apart by starts_at
    (the same minute, else the same day). Errors name the cohort's sessions."""
    key = sessions.assign(_title=_title_key(sessions["title"]),
                          _when=pd.to_datetime(sessions["starts_at"]).dt.strftime("%Y-%m-%d %H:%M"))
    key["_day"] = key["_when"].str.slice(0, 10)
    when = pd.to_datetime(rows["starts_at"]).dt.strftime("%Y-%m-%d %H:%M")
    by_title = key.groupby("_title")["session_id"].agg(list)
    by_when = key.groupby(["_title", "_when"])["session_id"].agg(list)
    by_day = key.groupby(["_title", "_day"])["session_id"].agg(list)
    where = f" of cohort {cohort}" if cohort else ""
    ids: list[int | None] = []
    errors: list[dict] = []
    for row, title, at in zip(rows.index, _title_key(rows["session"]), when, strict=True):
        found = by_title.get(title, [])
        if isinstance(at, str) and len(found) > 1:
            found = by_when.get((title, at), []) or by_day.get((title, at[:10]), [])
        if len(found) == 1:
            ids.append(found[0])
            continue
        ids.append(None)
        if report:   # one title for the whole report: a problem of the file, said once
            if not errors:
                meeting = rows.at[row, "session"]
                errors.append({"row": None, "column": FILE, "value": str(meeting),
                               "reason": f"This {report} is of the meeting {meeting!r}"
                                         f", which is no session{where} (its sessions: "
                                         f"{_titles(sessions)}). Create the session on the "
                                         "Running page, or rename it to the meeting's title, and "
                                         "upload the report again."})
            continue
        if not by_title.get(title):
            reason = (f"matches no session{where} (its sessions: {_titles(sessions)}): correct "
                      "the title in the file, or create the session first")
        else:
            reason = (f"matches {len(found) or len(by_title[title])} sessions{where}: add a "
                      "starts_at column with the session's date to say which")
        errors.append({"row": row, "column": "session",
                       "value": raw_value(raw, "session", row, title or ""), "reason": reason})
    return ids, errors


def attendance(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, rows: pd.DataFrame,
               raw: dict[str, pd.Series]) -> Comparison:
    sessions = queries.df(con, "importer/import_sessions")
    if prep.cohort:
        sessions = sessions[sessions["cohort_id"] == prep.cohort]
    report = prep.table.report if prep.table is not None else None
    ids, errors = _session_ids(sessions, rows, raw, prep.cohort, report)
    rows = rows.assign(session_id=pd.array(ids, dtype="Int64"), email_key=lower(rows["email"]))
    if report:
        rows = rows.loc[rows["session_id"].notna()]
    people = people_for(con, rows["email_key"])
    df = rows.reset_index(names="_row").merge(people[["email_key", "person_id"]], on="email_key",
                                              how="left")
    notes: list[str] = []
    if report and prep.cohort:
        # A report lists whoever joined: anyone not a participant of the cohort is said, not stored.
        members = {r["person_id"] for r in queries.rows(
            con, "mentoring/checkins_participants", cohort=prep.cohort)}
        outside = ~df["person_id"].isin(members) | df["person_id"].isna()
        if outside.any():
            listed = [f"{raw_value(raw, 'email', r, '')} (row {r})"
                      for r in df.loc[outside, "_row"]]
            notes.append(f"Not participants of cohort {prep.cohort}, so not stored: "
                         + ", ".join(listed) + ".")
            df = df.loc[~outside]
    else:
        for row in df.loc[df["person_id"].isna(), "_row"]:
            errors.append({"row": row, "column": "email", "value": raw_value(raw, "email", row, ""),
                           "reason": "matches nobody in the database: import them as a mentor or "
                                     "mentee first"})
    keys = pd.DataFrame({"person_id": df["person_id"].dropna().unique().astype("int64")})
    stored = queries.df_with(con, "importer/attendance_existing", {"incoming_keys": keys})
    stored["_stored"] = True
    stored = stored.astype({"session_id": "Int64", "person_id": "Int64"})
    df = df.merge(stored, on=["session_id", "person_id"], how="left")
    df["_status"] = np.where(df["_stored"].eq(True), "unchanged", "new")
    return Comparison(df.set_index("_row"), errors_frame(errors), notes)
