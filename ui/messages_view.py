"""Streamlit glue for the Email page: the webinar choice, the template editor, the preview and
send of a batch, the log and the opt-outs (through casson.mail)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from casson.mail import log as mail_log
from casson.mail import sending, templates
from casson.platform import exports
from ui import data, forms, tables, widgets
from ui.auth import User


def smtp() -> tuple[sending.SmtpSettings | None, str | None]:
    """The SMTP settings, or None and what is wrong with them (or None: no SMTP set)."""
    try:
        return sending.smtp_settings(), None
    except sending.MailError as exc:
        return None, str(exc)


def webinar_choice(col: Any, cohort: str) -> int | None:
    """For a webinar invitation: which of the cohort's sessions (default the latest)."""
    session_id = None
    with data.cursor() as cur:
        sessions = sending.cohort_sessions(cur, cohort)
    if sessions:
        options = {int(s["id"]): f"{s['title']} · {s['starts_at']:%d %b %Y %H:%M}"
                   for s in sessions}
        session_id = col.selectbox("Webinar", list(options), format_func=options.__getitem__,
                                  key="mail_session",
                                  index=len(options) - 1)
    return session_id


def template_editor(user: User, name: str, spec: templates.Template) -> None:
    """Edit the template's wording, or put back the built-in one."""
    with data.cursor() as cur:
        subject, body = templates.current(cur, name)
    # Lazy expanders (here and below): closed, their forms are not drawn on every switch.
    with st.expander("Edit the template", key="mail_edit_open", on_change="rerun") as box:
        if widgets.is_open(box):
            with st.form(f"mail_edit_{name}"):
                st.caption("Placeholders: " + ", ".join("{" + p + "}" for p in spec.placeholders))
                new_subject = st.text_input("Subject", value=subject,
                                            key=f"mail_edit_{name}_subject")
                new_body = st.text_area("Body", value=body, height=260,
                                        key=f"mail_edit_{name}_body")
                b1, b2 = st.columns([1, 4])
                if b1.form_submit_button("Save template", key="mail_edit_save"):
                    forms.save(templates.save, user.username, name, new_subject, new_body,
                               message=f"Saved the {spec.label} template.",
                               form=f"mail_edit_{name}_")
                if b2.form_submit_button("Back to the built-in wording", key="mail_edit_reset"):
                    forms.save(templates.reset, user.username, name,
                               message=f"The {spec.label} template is back to its built-in "
                                       "wording.",
                               form=f"mail_edit_{name}_")


def batch(name: str, cohort: str, session_id: int | None, sender_name: str) -> sending.Batch | None:
    """The messages the template would send to the cohort now (None: a warning was shown)."""
    try:
        with data.cursor() as cur:
            return sending.compose(cur, name, cohort, session_id=session_id,
                                   sender_name=sender_name)
    except (sending.MailError, templates.TemplateError) as exc:
        st.warning(str(exc))
        return None


def preview_and_send(user: User, name: str, cohort: str, session_id: int | None,
                     batch: sending.Batch, smtp: sending.SmtpSettings | None,
                     smtp_problem: str | None) -> None:
    """The batch's counts, a preview per recipient, who is left out and why, and Send."""
    st.header("Preview")
    m1, m2, m3 = st.columns(3)
    m1.metric("To send", len(batch.messages))
    m2.metric("Already delivered", len(batch.delivered),
              help="Sent or written to the outbox before: not sent again.")
    m3.metric("Left out", len(batch.skipped),
              help="Opted out, or (invitations) did not consent to be contacted.")
    if batch.messages:
        by_key = {m.key: m for m in batch.messages}
        # Keyed by template and cohort: another batch's recipient never shows in this one's box.
        chosen = widgets.choose_one("Recipient",
                                    {k: f"{one.name} <{one.recipient}>"
                                     for k, one in by_key.items()},
                                    key=f"mail_preview_{name}_{cohort}_{session_id}")
        if chosen is not None:
            m = by_key[chosen]
            with st.container(border=True, key="mail_preview"):
                st.text(f"To: {m.name} <{m.recipient}>\nSubject: {m.subject}"
                        + "".join(f"\nAttachment: {f}" for f, _ in m.attachments))
                st.text(m.body)
    if batch.skipped:
        with st.expander(f"Left out ({len(batch.skipped)})"):
            tables.show(exports.neutralise_frame(pd.DataFrame(batch.skipped,
                                                              columns=["recipient", "why"])),
                         hide_index=True, key="mail_skipped")

    where = (f"through {smtp.describe()}" if smtp else
             "to the outbox folder beside the database: no mail server is set up yet (the "
             "README's \"Intake and email\" section says how)")
    if smtp_problem:
        st.error(f"SMTP is set up wrongly: {smtp_problem} Nothing can be sent until it is fixed.")
    else:
        st.caption(f"Messages go {where}.")
    if st.button(f"Send {len(batch.messages)} messages", key="mail_send", type="primary",
                 disabled=not batch.messages or smtp_problem is not None):
        with st.spinner("Sending…"), data.cursor() as cur:
            outcome = sending.send(cur, user.username, batch, smtp)
        data.clear_caches()
        if outcome.failed:
            reasons = "; ".join(f"{r}: {why}" for r, why in outcome.failed[:5])
            more = f" and {len(outcome.failed) - 5} more" if len(outcome.failed) > 5 else ""
            forms.flash(f"{outcome.summary} Failed: {reasons}{more}. Send again to retry only "
                        "these.",
                        "error")
        else:
            forms.flash(outcome.summary)
        st.rerun()


def log_table(cohort: str) -> None:
    """The cohort's messages sent and failed, newest first."""
    st.header("Sent and failed")
    log = data.fetch(mail_log.recent, cohort_id=cohort)
    if log.empty:
        st.caption("No messages for this cohort yet.")
    else:
        failed = log[log["status"] == "failed"]
        if len(failed):
            st.caption(f"{len(failed)} failed (reasons below); sending again retries them.")
        tables.show(exports.neutralise_frame(log), hide_index=True, key="mail_log",
                     column_config={"logged_at": st.column_config.DatetimeColumn("when"),
                                    "actor": "sent by", "eml_file": "outbox file"})


def opt_outs(user: User, cohort: str) -> None:
    """Opt a participant out of programme email, or back in."""
    with st.expander("Opt-outs: people who get no programme email", key="mail_optout_open",
                     on_change="rerun") as box:
        if widgets.is_open(box):
            people = data.fetch(mail_log.participants, cohort_id=cohort)
            labels = {int(r.person_id): f"{r.full_name} <{r.email}>"
                      + (" · opted out" if r.opted_out else "")
                      for r in people.itertuples()}
            pid = widgets.choose_one("Person", labels, key="mail_optout_who", index=None)
            if pid is not None:
                out = bool(people.loc[people["person_id"] == pid, "opted_out"].iloc[0])
                if st.button("Opt back in" if out else "Opt out of programme email",
                             key="mail_optout"):
                    forms.save(sending.set_opt_out, user.username, pid, not out,
                               message=f"{labels[pid].split(' <')[0]} "
                               + ("opted back in." if out else "opted out."))
