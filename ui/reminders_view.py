"""On Email: what `remind` would send today, and a button that sends it (the dashboard holds
the database while it runs, so this is the way to send reminders without stopping it)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from casson.mail import reminders, sending
from casson.platform import exports
from ui import data, forms, tables, widgets
from ui.auth import User


def due_today(user: User, smtp: sending.SmtpSettings | None, smtp_ok: bool) -> None:
    with st.expander(
        "Reminders due today (what `remind` would send)", key="mail_remind_open", on_change="rerun"
    ) as box:
        if not widgets.is_open(box):
            return
        with data.cursor() as cur:
            plan = reminders.due(cur, dt.date.today(), sender=user.name)
        c1, c2, c3 = st.columns(3)
        c1.metric("Due today", len(plan.due))
        c2.metric(
            "Already sent",
            plan.done,
            help="Each reminder goes once per person, purpose "
            "and due date, however often `remind` runs.",
        )
        c3.metric("Left out", len(plan.skipped), help="Opted out of programme email.")
        for note in plan.notes:
            st.caption(note)
        if plan.due:
            shown = pd.DataFrame(
                [
                    {
                        "purpose": r.purpose,
                        "to": r.recipient,
                        "due on": r.due_on,
                        "about": r.about,
                        "subject": r.message.subject,
                    }
                    for r in plan.due
                ]
            )
            tables.show(exports.neutralise_frame(shown), hide_index=True, key="mail_remind_due")
            first = plan.due[0].message
            with st.container(border=True, key="mail_remind_preview"):
                st.text(f"To: {first.name} <{first.recipient}>\nSubject: {first.subject}")
                st.text(first.body)
        if st.button(
            f"Send {len(plan.due)} reminders now",
            key="mail_remind_send",
            disabled=not plan.due or not smtp_ok,
        ):
            forms.save(
                lambda cur: reminders.send(cur, user.username, plan, smtp).summary,
                message=lambda summary: summary,
            )
