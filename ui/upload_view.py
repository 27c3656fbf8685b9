"""Streamlit pieces of the Upload page: cohort choice (or a new cohort), mapping, preview."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from casson import exports, importer
from ui import data, tables

NEW_COHORT = "__new__"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")


def md(text: object) -> str:
    """Text from a file (names, headers) escaped so that Markdown shows it as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))
IGNORE = "(ignore)"
DELIMITER_CHOICES = {"detect": None, "comma": ",", "semicolon": ";", "tab": "\t"}
ENCODING_CHOICES = {"detect": None, "UTF-8": "utf-8-sig", "Windows-1252": "cp1252"}


def cohort_choice(spec: importer.Kind) -> str | None:
    """The cohort to import into; 'New cohort…' opens a small form that creates one."""
    df = data.cohorts()
    ids = df["id"].tolist()
    names = dict(zip(df["id"], df["name"], strict=True))
    options = ([] if spec.needs_cohort else [None]) + ids + [NEW_COHORT]
    created = st.session_state.pop("upload_created_cohort", None)
    if created in options:
        st.session_state["upload_cohort"] = created
    if st.session_state.get("upload_cohort") not in options:
        st.session_state.pop("upload_cohort", None)
    label = "Cohort" if spec.needs_cohort else "Cohort (optional: limits which sessions match)"

    def show(c: str | None) -> str:
        if c is None:
            return "— none —"
        return "+ New cohort…" if c == NEW_COHORT else f"{names[c]} ({c})"

    chosen = st.selectbox(label, options, key="upload_cohort", format_func=show)
    if chosen != NEW_COHORT:
        return chosen
    with st.form("upload_new_cohort_form"):
        st.markdown("**New cohort**")
        c1, c2 = st.columns(2)
        new_id = c1.text_input("Cohort id", key="upload_new_cohort_id", placeholder="e.g. cohort-3")
        new_name = c2.text_input("Name", key="upload_new_cohort_name",
                                 placeholder="e.g. Cohort 3 (2026-27)")
        c3, c4 = st.columns(2)
        starts = c3.date_input("Starts on", value=None, key="upload_new_cohort_starts",
                               format="DD/MM/YYYY")
        ends = c4.date_input("Ends on", value=None, key="upload_new_cohort_ends", format="DD/MM/YYYY")
        if st.form_submit_button("Create cohort", key="upload_new_cohort_create"):
            _create_cohort(new_id, new_name, starts, ends)
    return None


def _create_cohort(new_id: str, new_name: str, starts: dt.date | None, ends: dt.date | None) -> None:
    if not new_id.strip() or not new_name.strip():
        st.error("A new cohort needs an id and a name.")
        return
    if starts and ends and ends < starts:
        st.error("The cohort cannot end before it starts.")
        return
    with data.cursor() as cur:
        made = importer.create_cohort(cur, new_id, new_name, starts, ends)
    if not made:
        st.error(f"There is already a cohort {new_id.strip()!r}: choose it from the list.")
        return
    data.clear_caches()
    st.session_state["upload_created_cohort"] = new_id.strip()
    st.rerun()


def mapping_editor(spec: importer.Kind, prep: importer.Prepared) -> dict[str, str | None]:
    """One select box per header of the file, preset to the automatic mapping."""
    auto, forms = importer.auto_mapping(spec, prep.headers)
    choices = [IGNORE] + spec.names
    overrides: dict[str, str | None] = {}
    columns = st.columns(min(4, max(1, len(prep.headers))))
    for i, (header, guess) in enumerate(zip(prep.headers, auto, strict=True)):
        label = md(header) + (" (Forms column)" if header in forms else "")
        default = choices.index(guess) if guess in choices else 0
        picked = columns[i % len(columns)].selectbox(
            label, choices, index=default, key=f"upload_map_{i}_{spec.name}",
            format_func=lambda c: c + (" *" if c in spec.required else ""))
        target = None if picked == IGNORE else picked
        if target != guess:
            overrides[header] = target
    return overrides


def counts_row(counts: dict[str, int], total: int) -> None:
    c = st.columns(5)
    c[0].metric("Rows in file", f"{total:,}")
    c[1].metric("New", f"{counts['new']:,}")
    c[2].metric("Updated", f"{counts['updated']:,}")
    c[3].metric("Unchanged", f"{counts['unchanged']:,}")
    c[4].metric("With errors", f"{counts['error']:,}")


def errors_table(errors: pd.DataFrame, file_name: str, key: str) -> None:
    """Every error with its row, column, value and reason (as text), and a CSV of them."""
    tables.show(errors, key=f"{key}_table",
                 column_config={"row": st.column_config.NumberColumn("row", format="%d"),
                                "value": st.column_config.TextColumn("value"),
                                "reason": st.column_config.TextColumn("reason", width="large")})
    st.download_button("Download the errors (CSV)", exports.csv_bytes(errors),
                       file_name=f"{file_name.rsplit('.', 1)[0]}-errors.csv", mime="text/csv",
                       key=f"{key}_download", icon=":material/download:")


def preview(prep: importer.Prepared, limit: int = 100) -> None:
    if prep.plan is None or prep.plan.empty:
        return
    spec = importer.kind(prep.kind)
    shown = prep.plan.head(limit)
    cols = [c for c in spec.names if c in shown.columns and shown[c].notna().any()]
    table = shown[cols].copy()
    table.insert(0, "status", shown["_status"])
    table.insert(0, "row", shown.index)
    st.caption(f"The first {len(table):,} of {len(prep.plan):,} valid rows, as they will be stored "
               "(text is shown as text, never run).")
    tables.show(table, key="upload_preview")
