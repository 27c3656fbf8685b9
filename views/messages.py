"""Email: the programme's templates, a preview per recipient, sending, the log and opt-outs."""

import streamlit as st

from casson.mail import templates
from ui import forms, guard, messages_view, reminders_view, widgets

user = guard.require("messages")

st.title("Email")
st.caption("Introductions to pairs, webinar invitations (with the session's calendar file), "
           "check-in reminders and invitations to mentor. Nothing is sent until you press Send; "
           "every message is logged, and a message already delivered is never sent twice.")
forms.show_flash()
smtp, smtp_problem = messages_view.smtp()

c1, c2, c3 = st.columns([1, 1, 1])
with c1:
    name = st.selectbox("Template", list(templates.TEMPLATES), key="mail_template",
                        format_func=lambda t: templates.TEMPLATES[t].label)
with c2:
    cohort = widgets.cohort_picker(key="mail_cohort")
spec = templates.TEMPLATES[name]
session_id = messages_view.webinar_choice(c3, cohort) if cohort and name == "webinar" else None
st.caption(f"Goes to {spec.audience}.")
messages_view.template_editor(user, name, spec)
reminders_view.due_today(user, smtp, smtp_problem is None)

if not cohort:
    st.stop()
batch = messages_view.batch(name, cohort, session_id, user.name)
if batch is None:
    st.stop()
messages_view.preview_and_send(user, name, cohort, session_id, batch, smtp, smtp_problem)
messages_view.log_table(cohort)
messages_view.opt_outs(user, cohort)
