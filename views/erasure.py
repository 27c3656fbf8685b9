"""Data protection (admin only): subject access requests, erase a person, apply the retention
rule, take backups."""

from datetime import date

import streamlit as st

from casson.platform.errors import Refused
from casson.protection import erasure
from ui import guard, protection, safe, tables

user = guard.require("erasure")

st.title("Data protection")
st.caption(
    "UK GDPR: subject access and erasure on request, a retention period, and backups of "
    "the database."
)

st.subheader("Subject access requests")
st.write(
    "Everything held on one person, as one ZIP: a CSV per table of their rows, the email "
    "messages sent to them, and a cover page saying what is held, why, who receives it, "
    "how long it is kept and where it came from. Other people's addresses, reviewers' "
    "names and other people's own words are left out. The answer is due one calendar "
    "month after the request arrived."
)
late = [r for r in protection.sar_requests() if r["overdue"]]
if late:
    st.error(
        f"{len(late)} request(s) overdue: "
        + ", ".join(f"#{r['request']} (due {r['due']:%d %B %Y})" for r in late)
    )
with st.form("sar", clear_on_submit=False):
    sar_email = st.text_input("Requester's email address", key="sar_email")
    received = st.date_input(
        "Request received on",
        value=date.today(),
        max_value=date.today(),
        key="sar_received",
        format="DD/MM/YYYY",
    )
    log_only = st.form_submit_button("Log the request only")
    make = st.form_submit_button("Make the export", type="primary", icon=":material/folder_zip:")
if log_only or make:
    try:
        if make:
            st.session_state["sar_result"] = protection.sar_export(
                sar_email, received, user.username
            )
        else:
            number = protection.sar_log(sar_email, received, user.username)
            st.success(
                f"Logged request {number}; the answer is due by "
                f"{protection.sar_due_date(received):%d %B %Y}."
            )
    except Refused as exc:
        st.error(safe.text(exc))
done = st.session_state.get("sar_result")
if done is not None:
    (st.success if done.matched else st.warning)(safe.text(done.summary))
    st.download_button(
        "Download the export (ZIP)",
        done.data,
        key="sar_download",
        file_name=f"subject-access-{done.request_id}.zip",
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
    )
tables.show(protection.sar_requests(), key="sar_table")

st.subheader("Erase a person")
st.write(
    "Anonymises the person with this email in every table (their survey answers still "
    "count in the totals, unlinked from them), then rewrites the database file so the old "
    "data is gone from disk. This cannot be undone."
)
with st.form("erase", clear_on_submit=True):
    email = st.text_input("Email address", key="erase_email")
    sure = st.checkbox("I understand this cannot be undone", key="erase_confirm")
    if st.form_submit_button("Erase this person", type="primary"):
        if not sure:
            st.error("Tick the box to confirm; nothing was changed.")
        else:
            try:
                result = protection.erase(email, user.username)
            except erasure.ErasureError as exc:
                st.error(safe.text(exc))
            else:
                st.success(safe.text(result.summary))

st.subheader("Retention")
years = protection.retention_years()
due = protection.retention_due()
st.write(
    f"Participants' personal data is kept for {years} years after the end of their last "
    f"cohort (setting `retention_years`). **{due}** person(s) are past that now."
)
if due and st.button(f"Anonymise the {due} person(s) now", key="retention_apply"):
    st.success(f"Anonymised {protection.apply_retention(user.username)} person(s).")

st.subheader("Backups")
st.write(
    "A consistent copy of the database, taken while the dashboard runs. Copies are also "
    "taken automatically before every migration and import; the newest are kept "
    "(setting `backup_keep`). Restore with `python -m casson restore FILE` after stopping "
    "the dashboard."
)
if st.button("Back up now", key="backup_now", icon=":material/backup:"):
    st.success(f"Saved {protection.take_backup(user.username).name}.")
tables.show(protection.backup_files(), key="backups_table")
