"""Streamlit pieces of the Upload page: cohort choice (or a new cohort), the mapping with its
reasons, remembered mappings, the preview, and the page state (a changed kind or cohort, or a
finished import, clears the file)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import streamlit as st

from casson import importer
from casson.mentoring import cohorts
from casson.platform import exports
from ui import data, forms, tables, upload_watch, widgets

NEW_COHORT = "__new__"
IGNORE = "(ignore)"
UNDECIDED = "(choose: map or ignore)"
NONCE = "upload_nonce"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$:])")
DELIMITER_CHOICES = {"detect": None, "comma": ",", "semicolon": ";", "tab": "\t"}
ENCODING_CHOICES = {"detect": None, "UTF-8": "utf-8-sig", "Windows-1252": "cp1252"}


def md(text: object) -> str:
    """Text from a file (names, headers) escaped so that Markdown shows it as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


# -- page state ------------------------------------------------------------------------------
def reset_file() -> None:
    """Forget the attached file, its checks and its mapping (a new uploader widget)."""
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.session_state["upload_prepared"] = {}
    st.session_state.pop("upload_digest", None)
    forms.forget("upload_map_")


def uploader_key() -> str:
    return f"upload_file_{st.session_state.get(NONCE, 0)}"


# -- cohort ----------------------------------------------------------------------------------
def cohort_choice(spec: importer.Kind) -> str | None:
    """The cohort to import into; 'New cohort…' opens a small form that creates one."""
    df = data.cohorts()
    ids = df["id"].tolist()
    names = cohorts.labels(df)
    options = ([] if spec.needs_cohort else [None]) + ids + [NEW_COHORT]
    created = st.session_state.pop("upload_created_cohort", None)
    if created is not None and created in options:  # None is an option too (no cohort)
        st.session_state["upload_cohort"] = created
    if st.session_state.get("upload_cohort") not in options:
        # the cohort chosen on any page (the current one at first), as every picker does
        shared = widgets.remembered_cohort()
        st.session_state["upload_cohort"] = shared if shared in ids else ids[0] if ids else None
    label = "Cohort" if spec.needs_cohort else "Cohort (optional: limits which sessions match)"

    def show(c: str | None) -> str:
        if c is None:
            return "— none —"
        return "+ New cohort…" if c == NEW_COHORT else names[c]

    chosen = st.selectbox(label, options, key="upload_cohort", format_func=show,
                          on_change=reset_file)
    if chosen != NEW_COHORT:
        if chosen is not None:
            widgets.remember_cohort(chosen)
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
        ends = c4.date_input("Ends on", value=None, key="upload_new_cohort_ends",
                             format="DD/MM/YYYY")
        if st.form_submit_button("Create cohort", key="upload_new_cohort_create"):
            _create_cohort(new_id, new_name, starts, ends)
    return None


def _create_cohort(new_id: str, new_name: str, starts: dt.date | None,
                   ends: dt.date | None) -> None:
    actor = st.session_state.get("username") or "staff"
    st.session_state["upload_created_cohort"] = new_id.strip()
    if not forms.save(cohorts.add, new_id, new_name, starts, ends, actor=actor,
                      form="upload_new_cohort_",
                      # flashed: forms.show_flash makes the name inert (escaping it here too
                      # would show the backslashes)
                      message=lambda c: f"Created cohort {c['name']}."):
        st.session_state.pop("upload_created_cohort", None)


# -- mapping ---------------------------------------------------------------------------------
def mapping_editor(spec: importer.Kind, prep: importer.Prepared) -> dict[str, str | None]:
    """One select box per header, preset to the automatic (or remembered) mapping, with the
    reason for each choice. Returns what the user changed: header -> column or None (ignored)."""
    overrides: dict[str, str | None] = {}
    for i, choice in enumerate(prep.choices):
        options = ([UNDECIDED] if choice.undecided else []) + [IGNORE] + spec.names
        default = choice.field if choice.field is not None else (UNDECIDED if choice.undecided
                                                                 else IGNORE)
        left, right = st.columns([2, 3], vertical_alignment="center")
        picked = left.selectbox(
            md(choice.header), options, index=options.index(default),
            key=f"upload_map_{i}_{spec.name}",
            format_func=lambda c: field_label(spec, c))
        if picked != default and picked != UNDECIDED:
            overrides[choice.header] = None if picked == IGNORE else picked
        right.caption(_why(choice, picked != default))
    return overrides


def field_label(spec: importer.Kind, name: str) -> str:
    """A picker's option as people read it: "Full name (required)", not `full_name *`."""
    if name not in spec.names:
        return name  # (ignore), (choose: map or ignore)
    return spec.column(name).label + (" (required)" if name in spec.required else "")


def _why(choice: importer.Choice, changed: bool) -> str:
    if changed:
        return "your choice"
    if choice.undecided:
        spec_label = choice.looks_like or ""
        return f":red[looks like **{md(spec_label.replace('_', ' '))}**: {md(choice.reason)}. " \
               "Map it or ignore it.]"
    if choice.source == "forms":
        return md(choice.reason) + ": not imported"
    if choice.field is None:
        return "not imported: " + md(choice.reason)
    return md(choice.reason)


def remembered_mappings() -> None:
    """The mappings remembered for next time, each removable (audited)."""
    with data.cursor() as cur:
        saved = importer.remembered.listed(cur)
    with st.expander(f"Remembered mappings ({len(saved)})"):
        if not saved:
            st.caption("None yet. A mapping you correct here is remembered for files with the "
                       "same headers, on this page and on the command line.")
        for row in saved:
            pairs = ", ".join(f"{md(h)} → {md(f) if f else 'ignored'}"
                              for h, f in row["mapping"].items())
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.markdown(f"**{row['kind']}**, files with {len(row['headers'])} headers "
                        f"({md(', '.join(row['headers'][:3]))}…): {pairs}  \n"
                        f"saved by {md(row['created_by'])} on {row['created_at']:%d %b %Y %H:%M}")
            if c2.button("Remove", key=f"upload_forget_{row['id']}", icon=":material/delete:"):
                actor = st.session_state.get("username") or "staff"
                forms.save(importer.remembered.remove, int(row["id"]), actor,
                           message="The remembered mapping was removed.", after=reset_file)


# -- the file --------------------------------------------------------------------------------
def described(prep: importer.Prepared) -> str:
    """How the file was read: "CSV, UTF-8, comma-delimited", "XLSX workbook, sheet 'Mentees'"."""
    t = prep.table
    if t is None:
        return "unreadable"
    if t.report is not None:
        return f"{t.report} ({t.encoding}, {t.delimiter_name}-delimited), read with no mapping"
    if t.format == "CSV":
        return f"{t.format}, {t.encoding}, {t.delimiter_name}-delimited"
    return f"XLSX workbook, sheet {md(repr(t.sheet))}" + (
        f" of {len(t.sheets)}" if len(t.sheets) > 1 else "")


def sheet_choice(prep: importer.Prepared) -> str | None:
    """For a workbook of several sheets, a picker preset to the sheet read (the one whose header
    fits the kind); the sheet the user picks instead, else None."""
    t = prep.table
    if t is None or len(t.sheets) < 2 or t.sheet is None:
        return None
    key = f"upload_sheet_{st.session_state.get('upload_digest', '')[:12]}"
    picked = st.selectbox("Sheet to read", t.sheets, index=t.sheets.index(t.sheet), key=key,
                          help="The sheet whose header fits the kind is chosen for you.")
    return None if picked == t.sheet else picked


# -- preview ---------------------------------------------------------------------------------
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


def problems_banner(prep: importer.Prepared) -> None:
    """Say what to do: fix the mapping above, or fix cells in the file."""
    mapping = prep.errors_frame[prep.errors_frame["column"] == importer.MAPPING]
    problems, rows = len(prep.errors_frame), prep.counts["error"]
    if not mapping.empty:
        items = f"{len(mapping):,} item{'s' * (len(mapping) != 1)}"
        st.error(f"The column mapping needs you ({items}): "
                 "nothing has been written. Fix it under Column mapping above; the file itself "
                 "may be fine.", icon=":material/error:")
    elif rows:
        st.error(f"{problems:,} problem{'s' * (problems != 1)} in {rows:,} row{'s' * (rows != 1)}: "
                 "nothing has been written. Fix these cells in the file and upload it again, "
                 "or import the valid rows only.", icon=":material/error:")
    else:  # the file itself: say only what is wrong with it and what to do
        file_errors = prep.errors_frame[prep.errors_frame["column"] == importer.FILE]
        for reason in file_errors["reason"].tolist() or ["The file cannot be imported."]:
            st.error(md(reason) + " Nothing has been written.", icon=":material/error:")


STATUS = "(change)"  # the preview's own column: never a column of any kind


def preview(prep: importer.Prepared, limit: int = 100) -> None:
    if prep.plan is None or prep.plan.empty:
        return
    spec = importer.kind(prep.kind)
    shown = prep.plan.head(limit)
    cols = [c for c in spec.names if c in shown.columns and shown[c].notna().any()]
    table = shown[cols].copy()
    table.insert(0, STATUS, shown["_status"])
    table.insert(0, "(row)", shown.index)
    st.caption(f"The first {len(table):,} of {len(prep.plan):,} valid rows, as they will be stored "
               "(text is shown as text, never run).")
    tables.show(table, key="upload_preview")


def prepared(content: bytes, digest: str, kind_name: str, cohort: str | None, file_name: str,
             delimiter: str, encoding: str, mapping: dict | None,
             sheet: str | None = None) -> importer.Prepared:
    """The file checked once per file, kind, cohort, sheet, mapping and options; kept for the
    session (the automatic mapping's check and the chosen one's, so a rerun recomputes neither)."""
    key = (digest, kind_name, cohort, sheet, repr(sorted((mapping or {}).items())), delimiter,
           encoding)
    cache = st.session_state.setdefault("upload_prepared", {})
    if key in cache:
        cache[key] = cache.pop(key)  # most recently used last
        return cache[key]
    # Progress, Cancel, and a stop when this session ends (ui/upload_watch.py).
    with upload_watch.preparation(len(content), digest) as progress, data.cursor() as cur:
        prep = importer.prepare(
            cur, kind_name, content, file_name=file_name, cohort=cohort, mapping=mapping,
            delimiter=DELIMITER_CHOICES[delimiter], encoding=ENCODING_CHOICES[encoding],
            progress=progress, sheet=sheet)
    if len(cache) >= 3:
        cache.pop(next(iter(cache)))
    cache[key] = prep
    return prep


def import_button(prep: importer.Prepared, actor: str, token: tuple, label: str, blocked: bool,
                  valid_only: bool) -> None:
    """The Import button: one transaction, then a flash of what was written (a second click on
    the same file, kind and cohort does nothing)."""
    done = st.session_state.setdefault("upload_done", set())
    if not st.button(label, type="primary", key="upload_commit", disabled=blocked or token in done,
                     icon=":material/upload:") or token in done:
        return
    bar = st.progress(0.0, text="Importing…")
    with data.cursor() as cur:
        result = importer.commit(cur, prep, actor=actor, valid_only=valid_only,
                                 progress=lambda f, m: bar.progress(min(f, 1.0), text=m))
    bar.empty()
    data.clear_caches()
    if not result.written:
        st.session_state["upload_prepared"] = {}
        st.error("The import was rejected and nothing was written: the database changed since "
                 "the preview. Upload the file again to see why.")
        return
    done.add(token)
    # flashed: forms.show_flash makes the file name inert (not escaped here as well)
    message = (f"Imported {result.file_name} as {result.kind}: {result.rows_new:,} new, "
               f"{result.rows_updated:,} updated, {result.rows_unchanged:,} unchanged"
               + (f", {result.rows_error:,} rows not imported" if result.rows_error else "")
               + f" (import #{result.import_id})."
               + (" The mapping is remembered for files with these headers."
                  if result.mapping_saved else ""))
    if result.bad_rows:
        st.session_state["upload_bad_rows"] = (
            f"{result.file_name.rsplit('.', 1)[0]}-to-fix.csv", result.bad_rows)
    forms.flash(message)
    reset_file()  # the preview is of a file now imported: start afresh
    st.rerun()
