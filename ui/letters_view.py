"""The staff tabs of the Grant bids page that speak to the world: decision letters to
applicants (a batch per kind, previewed per bid) and the 360Giving export.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from casson.grants import giving360
from casson.mail import letters, sending, templates
from casson.platform import exports
from casson.platform.errors import Refused
from ui import data, forms, safe, tables, widgets

KIND_LABELS = {"award": "Award", "decline": "Decline", "more-info": "More information"}


def _smtp() -> tuple[sending.SmtpSettings | None, str | None]:
    try:
        return sending.smtp_settings(), None
    except sending.MailError as exc:
        return None, str(exc)


def _wording(username: str, spec: templates.Template) -> None:
    with st.expander("Edit the wording", key="letters_edit_open", on_change="rerun") as box:
        if not widgets.is_open(box):
            return
        with data.cursor() as cur:
            subject, body = templates.current(cur, spec.name)
        with st.form(f"letters_edit_{spec.name}"):
            st.caption(
                "Placeholders: "
                + ", ".join("{" + p + "}" for p in spec.placeholders)
                + ". {feedback} is the panel's feedback, only where you chose to share it."
            )
            new_subject = st.text_input(
                "Subject", value=subject, key=f"letters_{spec.name}_subject"
            )
            new_body = st.text_area("Body", value=body, height=260, key=f"letters_{spec.name}_body")
            b1, b2 = st.columns([1, 4])
            if b1.form_submit_button("Save wording", key="letters_edit_save"):
                forms.save(
                    templates.save,
                    username,
                    spec.name,
                    new_subject,
                    new_body,
                    message=f"Saved the {spec.label.lower()}.",
                    form=f"letters_{spec.name}_",
                )
            if b2.form_submit_button("Back to the built-in wording", key="letters_edit_reset"):
                forms.save(
                    templates.reset,
                    username,
                    spec.name,
                    form=f"letters_{spec.name}_",
                    message=f"The {spec.label.lower()} is back to its built-in wording.",
                )


def _details_form(username: str, key: str, bid_id: int) -> None:
    """What this bid's letter says: conditions, information asked for, the panel's feedback."""
    with data.cursor() as cur:
        said = letters.details(cur, bid_id)
    form = f"letter_{bid_id}_"
    with st.form(f"letter_details_{bid_id}"):
        conditions = information = None
        if key == "award":
            conditions = st.text_area(
                "Conditions of the award",
                value=said["conditions"] or "",
                key=f"{form}conditions",
                placeholder=f"Blank: {letters.STANDARD_TERMS}",
            )
        if key == "more-info":
            information = st.text_area(
                "Information the panel needs",
                value=said["information_needed"] or "",
                key=f"{form}information",
            )
        feedback = st.text_area(
            "The panel's feedback (its reviews' comments, no reviewer named)",
            value=said["feedback"] or "",
            key=f"{form}feedback",
        )
        share = st.checkbox(
            "Share this feedback in the letter",
            value=bool(said["share_feedback"]),
            key=f"{form}share",
        )
        if st.form_submit_button("Save this letter's details", key=f"{form}save"):
            forms.save(
                letters.save_details,
                username,
                bid_id,
                conditions=conditions,
                feedback=feedback,
                share_feedback=share,
                information_needed=information,
                form=form,
                message="Saved the letter's details.",
            )


def _preview(username: str, key: str, batch: sending.Batch) -> None:
    by_bid = {int(m.bid_id or 0): m for m in batch.messages}
    chosen = widgets.choose_one(
        "Preview the letter of",
        {b: f"{m.values['reference']} · {m.name}" for b, m in by_bid.items()},
        key=f"letters_preview_{key}",
    )
    if chosen is None:
        return
    m = by_bid[chosen]
    with st.container(border=True, key="letters_preview"):
        st.text(f"To: {m.name} <{m.recipient}>\nSubject: {m.subject}")
        st.text(m.body)
    _details_form(username, key, chosen)


def letters_tab(username: str, shown: pd.DataFrame) -> None:
    """One kind of letter for every bid of the filtered list it can go to, in one action."""
    key = st.radio(
        "Letter",
        list(letters.KINDS),
        format_func=KIND_LABELS.get,
        horizontal=True,
        key="letters_kind",
    )
    spec = templates.template(letters.kind(key).template)
    st.caption(
        f"Goes to {spec.audience}, among the bids the filters above keep. A letter "
        "already delivered for a bid is never sent again."
    )
    _wording(username, spec)
    eligible = shown[shown["status"].isin(letters.kind(key).statuses)]
    try:
        with data.cursor() as cur:
            batch = letters.compose(cur, key, [int(i) for i in eligible["id"]])
    except Refused as exc:
        st.warning(safe.text(exc))
        return
    m1, m2, m3 = st.columns(3)
    m1.metric("To send", len(batch.messages))
    m2.metric("Already delivered", len(batch.delivered))
    m3.metric("Left out", len(batch.skipped), help="No email, or details still to give.")
    if batch.skipped:
        tables.show(
            exports.neutralise_frame(pd.DataFrame(batch.skipped, columns=["bid", "why"])),
            hide_index=True,
            key="letters_skipped",
        )
    if batch.messages:
        _preview(username, key, batch)
    smtp, problem = _smtp()
    if problem:
        st.error(f"SMTP is set up wrongly: {problem} Nothing can be sent until it is fixed.")
    else:
        st.caption(
            "Letters go "
            + (
                f"through {smtp.describe()}."
                if smtp
                else "to the outbox folder beside the database (no SMTP is set)."
            )
        )
    if st.button(
        f"Send {len(batch.messages)} {KIND_LABELS[key].lower()} letters",
        type="primary",
        key="letters_send",
        disabled=not batch.messages or problem is not None,
    ):
        with st.spinner("Sending…"), data.cursor() as cur:
            outcome = letters.send(cur, username, batch, smtp)
        data.clear_caches()
        failed = "; ".join(f"{r}: {why}" for r, why in outcome.failed[:5])
        forms.flash(
            outcome.summary
            + (f" Failed: {failed}. Send again to retry only these." if failed else ""),
            "error" if failed else "success",
        )
        st.rerun()


def bid_letters(bid_id: int) -> None:
    """The letters logged for one bid (staff, on Change a bid)."""
    with data.cursor() as cur:
        sent = letters.letters_for_bid(cur, bid_id)
    st.markdown("**Decision letters**")
    if sent.empty:
        st.caption("No letter yet.")
    else:
        tables.show(exports.neutralise_frame(sent), hide_index=True, key=f"bid_{bid_id}_letters")


# -- 360Giving ---------------------------------------------------------------------------------


def _giving_settings(username: str) -> None:
    with data.cursor() as cur:
        now = giving360.current_settings(cur)
    with st.form("giving_settings"):
        values = {
            k: st.text_input(
                giving360.SETTING_LABELS[k], value=now[k], key=f"giving_{k}", help=h
            )
            for k, h in giving360.SETTING_HELP.items()
        }
        if st.form_submit_button("Save the 360Giving settings", key="giving_save"):
            forms.save(
                giving360.set_settings,
                username,
                values,
                form="giving_",
                message="Saved the 360Giving settings.",
            )


def giving360_tab(username: str) -> None:
    """Download the awarded grants in 360Giving (staff); set the publisher's two settings."""
    st.caption(
        "The awarded grants in the 360Giving Data Standard, for GrantNav. Every grant is "
        "to an individual: 'Individual Recipient', an anonymous identifier, a generic "
        "title and the region only — no name, email, employer or project title."
    )
    _giving_settings(username)
    years = data.fetch(giving360.award_years)
    c1, c2 = st.columns(2)
    year = c1.selectbox(
        "Award year",
        [None, *years],
        key="giving_year",
        format_func=lambda y: "every year" if y is None else str(y),
    )
    fmt = c2.radio(
        "File",
        giving360.FORMATS,
        horizontal=True,
        key="giving_format",
        format_func=lambda f: {"json": "JSON package", "csv": "flat CSV"}[f],
    )
    try:
        with data.cursor() as cur:
            count = giving360.ready(cur, year)
    except Refused as exc:
        st.warning(safe.text(exc))
        return

    def build() -> bytes:  # on the click, not on every run: validating thousands takes time
        with data.cursor() as cur:
            return giving360.file_bytes(cur, fmt, year)

    name = f"casson-360giving-{year or 'all'}-{date.today():%Y%m%d}.{fmt}"
    st.download_button(
        f"Download {name} ({count} grants)",
        build,
        file_name=name,
        key="giving_download",
        on_click="ignore",
        mime="application/json" if fmt == "json" else "text/csv",
    )
    st.caption(
        f"Valid against the project's schema of 360Giving {giving360.STANDARD_VERSION} "
        "(casson/grants/giving360_schema.json); amounts in GBP."
    )
