"""The one way a page shows a table: human headers, blanks as a dash, and a formula-safe download.

The data keeps its canonical column names (tests, exports and the CSV a user takes away use
them); only what is drawn is relabelled, through column_config. Streamlit's own toolbar export
("Download as CSV", copy to clipboard) is switched off for the whole app in
.streamlit/config.toml (client.disableDataExport): it writes cells raw, so an imported
`=HYPERLINK(...)` would run in Excel. The app's own download (download_button below) goes
through casson.platform.exports, which neutralises formulas, and keeps canonical headers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from casson.platform import exports
from casson.platform.vocab import CODE_WORDS, SURVEY_QUESTIONS

DASH = "—"

# Canonical name -> the header a person reads. Anything not listed is de-snaked.
LABELS: dict[str, str] = {
    "full_name": "Name", "email": "Email", "region": "Region", "career_stage": "Career stage",
    "specialty": "Specialty", "employer": "Employer", "themes": "Development themes",
    "capacity": "Mentee places", "goals": "Goals", "notes": "Notes", "role": "Role",
    "cohort": "Cohort", "cohort_id": "Cohort", "submitted_at": "Submitted",
    "willing_to_mentor": "Willing to mentor", "comments": "Comments",
    "username": "Username", "name": "Name", "at": "When", "actor": "Who", "action": "Action",
    "entity": "Kind of record", "record": "Record", "entity_id": "Record id",
    "detail": "Detail", "occurred_at": "When",
    "reference": "Reference", "applicant_name": "Applicant", "applicant_email": "Applicant email",
    "project_title": "Project", "fund": "Fund", "amount_requested": "Requested",
    "amount_awarded": "Awarded", "status": "Status", "received_on": "Received",
    "decided_on": "Decided", "requested_gbp": "Requested (£)", "awarded_gbp": "Awarded (£)",
    "bids": "Bids", "n": "n", "pct": "%", "label": "Figure", "count": "Count",
    **{key: label for key, label in SURVEY_QUESTIONS.items()},
}


def label(column: str) -> str:
    """The human header of a canonical column name."""
    if column in LABELS:
        return LABELS[column]
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def headers(columns: Iterable[Any], given: Mapping[str, Any] | None = None,
                  labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """column_config for st.dataframe: every column gets a human label unless the caller
    configured it already (a string label or an st.column_config object)."""
    out: dict[str, Any] = {name: _capitalised(v) for name, v in (given or {}).items()}
    for col in columns:
        name = str(col)
        if name in out:
            continue
        out[name] = _capitalised((labels or {}).get(name) or label(name))
    return out


def _capitalised(config: Any) -> Any:
    """One header case on every table: "Mentee email", whoever wrote "mentee email"."""
    if isinstance(config, str):
        return config[:1].upper() + config[1:]
    if isinstance(config, dict) and isinstance(config.get("label"), str):
        return {**config, "label": _capitalised(config["label"])}
    return config


def show(data: Any, *, key: str | None = None, column_config: Mapping[str, Any] | None = None,
         labels: Mapping[str, str] | None = None, download: str | None = None,
         **kwargs: Any) -> None:
    """A table: human headers, missing values as a dash, no raw toolbar export.

    download: a file stem; when given, a formula-safe CSV of the same rows (canonical headers)
    is offered under the table.
    """
    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    st.dataframe(df, key=key, placeholder=DASH,
                 column_config=headers(df.columns, column_config, labels), **kwargs)
    if download:
        download_button(df, f"Download this table (CSV, {len(df)} rows)", download,
                        key=f"dl-{key or download}")


def download_button(df: pd.DataFrame, text: str, file_stem: str, key: str) -> None:
    """The app's own CSV download: formula-safe (casson.platform.exports), canonical headers, built
    on click."""
    st.download_button(text, lambda: exports.csv_bytes(df), file_name=f"{file_stem}.csv",
                       mime="text/csv", key=key, icon=":material/download:", on_click="ignore")


def readable_detail(value: object) -> str:
    """An audit row's JSON detail as "key: value; key: value" (blank for none). A change's
    "before" and "after" become "field: old → new" for the fields that changed; stored codes
    read as words, and nothing reads "None"."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    if not isinstance(parsed, dict):
        return _word(parsed)
    before, after = parsed.get("before"), parsed.get("after")
    parts = []
    if isinstance(after, dict) and (before is None or isinstance(before, dict)):
        parts.append(_changes(before or {}, after))
        parsed = {k: v for k, v in parsed.items() if k not in ("before", "after")}
    for k, v in parsed.items():
        parts.append(f"{label(str(k))}: {_word(v) or DASH}")
    return "; ".join(p for p in parts if p)


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    changed = [k for k in after if before.get(k) != after.get(k)]
    if not before:  # a new record: what it was made with
        return "; ".join(f"{label(k)}: {_word(after[k])}" for k in changed
                         if after[k] not in (None, ""))
    return "; ".join(f"{label(k)}: {_word(before.get(k)) or DASH} → {_word(after[k]) or DASH}"
                     for k in changed) or "no field changed"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _word(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_word(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{label(str(a)).lower()} {_word(b)}" for a, b in value.items()
                         if b is not None)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):  # the one date format: dd/mm/yyyy
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return CODE_WORDS.get(value, str(value)) if isinstance(value, str) else str(value)


def blank(value: object) -> str:
    """A scalar for text: None, NaN and NaT become a dash."""
    if value is None:
        return DASH
    try:
        if pd.isna(value):
            return DASH
    except (TypeError, ValueError):
        pass
    return str(value)
