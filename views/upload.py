"""Upload: CSV or XLSX files of mentors, mentees, survey answers, bids, courses, coaches and
attendance, checked row by row before anything is written (staff and admin)."""

import hashlib

import streamlit as st

from casson import importer
from ui import forms, guard, upload_view

user = guard.require("upload")

st.title("Upload")
st.caption(f"CSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab), XLSX, or a Teams or "
           f"Zoom attendance report, up to "
           f"{importer.MAX_UPLOAD_MB} MB. Every row is checked before anything is written.")
forms.show_flash()
bad_rows = st.session_state.pop("upload_bad_rows", None)
if bad_rows:
    st.download_button("Download the rows not imported (CSV, with reasons)", bad_rows[1],
                       file_name=bad_rows[0], mime="text/csv", key="upload_bad_rows",
                       icon=":material/download:")

# Changing the kind or the cohort clears the file: it was attached for the other one.
kind_name = st.selectbox("What is in the file?", list(importer.KINDS), key="upload_kind",
                         format_func=lambda k: f"{k} — {importer.KINDS[k].describe}",
                         on_change=upload_view.reset_file)
spec = importer.kind(kind_name)
cohort = upload_view.cohort_choice(spec) if (spec.needs_cohort or spec.uses_cohort) else None

with st.expander(f"Columns and template for {kind_name}"):
    st.markdown(", ".join(f"`{c}`" + (" *" if c in spec.required else "") for c in spec.canonical)
                + "  \n\\* required. Headers match by their words (Forms questions too) and by "
                "their values; columns that look like one of these must be mapped or ignored.")
    st.download_button(f"Download the {kind_name} template (CSV)", importer.template_csv(kind_name),
                       file_name=f"{kind_name}-template.csv", mime="text/csv",
                       key="upload_template", icon=":material/download:")
upload_view.remembered_mappings()

upload = st.file_uploader("CSV or XLSX file", type=["csv", "xlsx"], key=upload_view.uploader_key())
if upload is None:
    st.stop()
if spec.needs_cohort and cohort is None:
    st.warning(f"Choose or create the cohort these {kind_name} belong to.")
    st.stop()

content = upload.getvalue()
file_name = upload.name  # prepare() below cannot see that upload is not None
with st.expander("Reading options"):
    o1, o2 = st.columns(2)
    delimiter = o1.selectbox("Delimiter", list(upload_view.DELIMITER_CHOICES),
                             key="upload_delimiter")
    encoding = o2.selectbox("Encoding", list(upload_view.ENCODING_CHOICES), key="upload_encoding")

digest = hashlib.sha256(content).hexdigest()
if st.session_state.get("upload_digest") != digest:  # a new file: forget the last one's mapping
    forms.forget("upload_map_")
    st.session_state["upload_digest"] = digest
    st.session_state["upload_prepared"] = {}


def prepare(mapping: dict | None, sheet: str | None = None) -> importer.Prepared:
    return upload_view.prepared(content, digest, kind_name, cohort, file_name, delimiter,
                                encoding, mapping, sheet)


first = prepare(None)
sheet = upload_view.sheet_choice(first)  # a workbook of several sheets: the one to read
if sheet is not None:
    first = prepare(None, sheet)
if first.choices:
    st.markdown(f"**{upload_view.md(upload.name)}**: {upload_view.described(first)}, "
                f"{first.rows_total:,} rows.")
    st.subheader("Column mapping")
    st.caption("Each column of your file, where it goes and why; change any that are wrong. "
               "What you change is remembered for files with the same headers.")
    overrides = upload_view.mapping_editor(spec, first)
    prep = prepare(overrides, sheet) if overrides else first
else:
    prep = first

st.subheader("Preview")
counts = prep.counts
upload_view.counts_row(counts, prep.rows_total)
for note in prep.notes:
    st.info(upload_view.md(note), icon=":material/info:")
if not prep.errors_frame.empty:
    upload_view.problems_banner(prep)
    upload_view.errors_table(prep.errors_frame, upload.name, "upload_errors")
upload_view.preview(prep)

valid_only = st.checkbox("Import valid rows only (the rows in error come back as a file to fix)",
                         key="upload_valid_only", disabled=not prep.readable)
writable = counts["new"] + counts["updated"]
blocked = not prep.readable or (not prep.errors_frame.empty and not valid_only)
label = f"Import {writable:,} new or changed rows" if writable else "Import (nothing would change)"
upload_view.import_button(prep, user.username, (digest, kind_name, cohort), label, blocked,
                          valid_only)
