"""Data protection (admin only): erase a person, apply the retention rule, take backups."""

import streamlit as st

from casson.protection import erasure
from ui import guard, protection, safe, tables

user = guard.require("erasure")

st.title("Data protection")
st.caption("UK GDPR: erasure on request, a retention period, and backups of the database.")

st.subheader("Erase a person")
st.write("Anonymises the person with this email in every table (their survey answers still "
         "count in the totals, unlinked from them), then rewrites the database file so the old "
         "data is gone from disk. This cannot be undone.")
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
st.write(f"Participants' personal data is kept for {years} years after the end of their last "
         f"cohort (setting `retention_years`). **{due}** person(s) are past that now.")
if due and st.button(f"Anonymise the {due} person(s) now", key="retention_apply"):
    st.success(f"Anonymised {protection.apply_retention(user.username)} person(s).")

st.subheader("Backups")
st.write("A consistent copy of the database, taken while the dashboard runs. Copies are also "
         "taken automatically before every migration and import; the newest are kept "
         "(setting `backup_keep`). Restore with `python -m casson restore FILE` after stopping "
         "the dashboard.")
if st.button("Back up now", key="backup_now", icon=":material/backup:"):
    st.success(f"Saved {protection.take_backup(user.username).name}.")
tables.show(protection.backup_files(), key="backups_table")
