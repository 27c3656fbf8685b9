"""Writing a compared plan: bulk INSERT … SELECT / UPDATE … FROM over registered DataFrames
(queries/import/*.sql), inside the commit's one transaction.

Each kind's `write` has the signature of `Write`; `upsert` covers a kind whose new rows go
through one statement and whose changed rows through another."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from casson.importer.comparison import PERSON_COLUMNS, SURVEY_FIELDS
from casson.importer.kind_types import Kind, Write
from casson.importer.results import Prepared
from casson.platform import faults, queries


def _new(plan: pd.DataFrame) -> pd.DataFrame:
    return plan[plan["_status"] == "new"]


def _updated(plan: pd.DataFrame) -> pd.DataFrame:
    return plan[plan["_status"] == "updated"]


def participants(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
                 actor: str, import_id: int) -> None:
    """People first (new ones inserted, returning ones updated), then the cohort's participants."""
    new, upd = _new(plan), _updated(plan)
    people_new = new[new["person_id"].isna()][["full_name", "email",
                                               "email_key"] + PERSON_COLUMNS[1:]]
    people_upd = plan[plan["_person_changed"]][["person_id"] + PERSON_COLUMNS]
    if len(people_upd):
        queries.execute_with(cur, "importer/people_update", {"incoming_people": people_upd})
    if len(people_new):
        queries.execute_with(cur, "importer/people_insert", {"incoming_people": people_new})
    faults.point("import.people_written")
    part_cols = ["email_key", "participant_id", "themes", "capacity", "goals", "notes"]
    for frame, statement in ((new, "importer/participants_insert"),
                             (upd, "importer/participants_update")):
        if not len(frame):
            continue
        part = frame.reindex(columns=part_cols)
        for text_col in ("themes", "goals", "notes"):  # absent for the other role: typed NULLs
            if text_col not in frame.columns:
                part[text_col] = pd.Series(np.nan, index=part.index, dtype="str")
        part["capacity"] = part["capacity"].astype("Int64")
        params = {"cohort": prep.cohort, "role": spec.role} if statement.endswith("insert") else {}
        queries.execute_with(cur, statement, {"incoming_participants": part}, **params)


def survey(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
           actor: str, import_id: int) -> None:
    new = _new(plan)
    if len(new):
        queries.execute_with(cur, "importer/survey_insert", {"incoming": new[SURVEY_FIELDS]},
                             cohort=prep.cohort, import_id=import_id)


def attendance(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
               actor: str, import_id: int) -> None:
    new = _new(plan)
    if len(new):
        queries.execute_with(cur, "importer/attendance_insert",
                             {"incoming": new[["session_id", "person_id"]]})


def upsert(insert: str, update: str, audit: str | None = None) -> Write:
    """A Write: new rows through `insert`, updated ones through `update` (both reading the frame
    `incoming` with existing_id, _status and the kind's columns); `audit` then sees both."""
    def write(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
              actor: str, import_id: int) -> None:
        cols = ["existing_id", "_status"] + spec.names
        new, upd = _new(plan)[cols], _updated(plan)[cols]
        for frame, statement in ((new, insert), (upd, update)):
            if len(frame):
                params = {"actor": actor} if "actor" in queries.parameters(statement) else {}
                queries.execute_with(cur, statement, {"incoming": frame}, **params)
        if audit and len(new) + len(upd):
            queries.execute_with(cur, audit, {"incoming": pd.concat([new, upd])}, actor=actor,
                                 import_id=import_id)
    return write
