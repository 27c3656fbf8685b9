"""Upload: CSV or XLSX files of mentors, mentees, survey answers, bids, courses, coaches and
attendance, checked row by row before anything is written (staff and admin)."""

import hashlib

import streamlit as st

from casson import importer
from ui import data, guard, upload_view

user = guard.require("upload")

st.title("Upload")
st.caption(f"CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX, up to "
           f"{importer.MAX_UPLOAD_MB} MB. Every row is checked before anything is written.")

kind_name = st.selectbox("What is in the file?", list(importer.KINDS), key="upload_kind",
                         format_func=lambda k: f"{k} — {importer.KINDS[k].describe}")
spec = importer.kind(kind_name)
cohort = upload_view.cohort_choice(spec) if (spec.needs_cohort or spec.uses_cohort) else None

with st.expander(f"Columns and template for {kind_name}"):
    st.markdown(", ".join(f"`{c}`" + (" *" if c in spec.required else "") for c in spec.canonical)
                + "  \n\\* required. Headers match ignoring case, spaces and punctuation; "
                "extra columns are ignored and listed.")
    st.download_button(f"Download the {kind_name} template (CSV)", importer.template_csv(kind_name),
                       file_name=f"{kind_name}-template.csv", mime="text/csv",
                       key="upload_template", icon=":material/download:")

upload = st.file_uploader("CSV or XLSX file", type=["csv", "xlsx"], key="upload_file")
if upload is None:
    last = st.session_state.get("upload_last_result")
    if last:
        st.success(last)
    st.stop()
if spec.needs_cohort and cohort is None:
    st.warning(f"Choose or create the cohort these {kind_name} belong to.")
    st.stop()

content = upload.getvalue()
with st.expander("Reading options"):
    o1, o2 = st.columns(2)
    delimiter = o1.selectbox("Delimiter", list(upload_view.DELIMITER_CHOICES), key="upload_delimiter")
    encoding = o2.selectbox("Encoding", list(upload_view.ENCODING_CHOICES), key="upload_encoding")


digest = hashlib.sha256(content).hexdigest()
if st.session_state.get("upload_digest") != digest:  # a new file: forget the last one's mapping
    for stale in [k for k in st.session_state if str(k).startswith("upload_map_")]:
        del st.session_state[stale]
    st.session_state["upload_digest"] = digest
    st.session_state["upload_prepared"] = {}


def prepare(mapping: dict | None) -> importer.Prepared:
    """Checked once per file, kind, cohort, mapping and options; kept for the session
    (the automatic mapping's check and the chosen one's, so a rerun recomputes neither)."""
    key = (digest, kind_name, cohort, repr(sorted((mapping or {}).items())), delimiter, encoding)
    cache = st.session_state.setdefault("upload_prepared", {})
    if key in cache:
        cache[key] = cache.pop(key)  # most recently used last
        return cache[key]
    bar = st.progress(0.0, text="Reading the file…") if len(content) > 1_000_000 else None
    with data.cursor() as cur:
        prep = importer.prepare(
            cur, kind_name, content, file_name=upload.name, cohort=cohort, mapping=mapping,
            delimiter=upload_view.DELIMITER_CHOICES[delimiter],
            encoding=upload_view.ENCODING_CHOICES[encoding],
            progress=(lambda f, m: bar.progress(min(f, 1.0), text=m)) if bar else None)
    if bar:
        bar.empty()
    if len(cache) >= 3:
        cache.pop(next(iter(cache)))
    cache[key] = prep
    return prep


first = prepare(None)
if first.table is not None:
    t = first.table
    how = (f"{t.format}, {t.encoding}, {t.delimiter_name}-delimited" if t.format == "CSV"
           else "XLSX workbook (first sheet)")
    st.markdown(f"**{upload_view.md(upload.name)}**: {how}, {first.rows_total:,} rows.")
    st.subheader("Column mapping")
    st.caption("Each column of your file and where it goes; change any that are wrong.")
    overrides = upload_view.mapping_editor(spec, first)
    prep = prepare(overrides) if overrides else first
else:
    prep = first

st.subheader("Preview")
counts = prep.counts
upload_view.counts_row(counts, prep.rows_total)
for note in prep.notes:
    st.info(upload_view.md(note), icon=":material/info:")
if not prep.errors_frame.empty:
    problems, rows = len(prep.errors_frame), counts["error"]
    st.error(f"{problems:,} problem{'s' * (problems != 1)}"
             + (f" in {rows:,} row{'s' * (rows != 1)}" if rows else "")
             + ": nothing has been written. Fix the file and upload it again"
             + (", or import the valid rows only." if rows else "."),
             icon=":material/error:")
    upload_view.errors_table(prep.errors_frame, upload.name, "upload_errors")
upload_view.preview(prep)

valid_only = st.checkbox("Import valid rows only (the rows in error come back as a file to fix)",
                         key="upload_valid_only", disabled=not prep.readable)
writable = counts["new"] + counts["updated"]
blocked = not prep.readable or (not prep.errors_frame.empty and not valid_only)
label = f"Import {writable:,} new or changed rows" if writable else "Import (nothing would change)"
if st.button(label, type="primary", key="upload_commit", disabled=blocked,
             icon=":material/upload:"):
    bar = st.progress(0.0, text="Importing…")
    with data.cursor() as cur:
        result = importer.commit(cur, prep, actor=user.username, valid_only=valid_only,
                                 progress=lambda f, m: bar.progress(min(f, 1.0), text=m))
    bar.empty()
    data.clear_caches()
    st.session_state["upload_prepared"] = {}
    if result.written:
        message = (f"Imported {upload_view.md(result.file_name)} as {result.kind}: {result.rows_new:,} new, "
                   f"{result.rows_updated:,} updated, {result.rows_unchanged:,} unchanged"
                   + (f", {result.rows_error:,} rows not imported" if result.rows_error else "")
                   + f" (import #{result.import_id}).")
        st.success(message, icon=":material/check_circle:")
        st.session_state["upload_last_result"] = message
        if result.bad_rows:
            st.download_button("Download the rows not imported (CSV, with reasons)", result.bad_rows,
                               file_name=f"{result.file_name.rsplit('.', 1)[0]}-to-fix.csv",
                               mime="text/csv", key="upload_bad_rows", icon=":material/download:")
    else:
        st.error("The import was rejected and nothing was written: the database changed since "
                 "the preview. Upload the file again to see why.")
