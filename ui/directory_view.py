"""Streamlit glue for the Directory page: each tab's filters and table, and the staff forms
that add, edit, retire and restore entries (saved through casson.grants.entries via forms.save)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from casson.grants import directory, resources
from casson.platform.vocab import COACH_KINDS, COURSE_FORMATS, COURSE_LEVELS
from ui import data, forms, tables, widgets
from ui.auth import User

Form = Callable[[str, dict | None], dict[str, Any]]
Label = Callable[[Any], str]
Action = Callable[..., Any]


def _course_form(prefix: str, course: dict | None) -> dict[str, Any]:
    c = course or {}
    c1, c2 = st.columns(2)
    fields = {
        "provider": c1.text_input("Provider", value=c.get("provider") or "",
                                  key=f"{prefix}_provider"),
        "title": c2.text_input("Title", value=c.get("title") or "", key=f"{prefix}_title"),
        "format": c1.selectbox("Format", COURSE_FORMATS, key=f"{prefix}_format",
                               index=COURSE_FORMATS.index(c["format"]) if c.get("format")
                               else None),
        "level": c2.selectbox("Level", COURSE_LEVELS, key=f"{prefix}_level",
                              format_func=directory.LEVEL_LABELS.__getitem__,
                              index=COURSE_LEVELS.index(c["level"]) if c.get("level") else None),
        "duration": c1.text_input("Duration", value=c.get("duration") or "",
                                  key=f"{prefix}_duration"),
        "location": c2.text_input("Location", value=c.get("location") or "",
                                  key=f"{prefix}_location"),
        "cost_from": c1.text_input("Cost from (£)", key=f"{prefix}_cost",
                                   value="" if c.get("cost_from") is None
                                   else f"{c['cost_from']:.2f}"),
        "cost_note": c2.text_input("Cost note", value=c.get("cost_note") or "",
                                   key=f"{prefix}_cost_note"),
        "is_free": st.checkbox("Free or fully funded for the learner", value=bool(c.get("is_free")),
                               key=f"{prefix}_free"),
        "url": st.text_input("Link", value=c.get("url") or "", key=f"{prefix}_url"),
        "summary": st.text_area("Summary", value=c.get("summary") or "", key=f"{prefix}_summary"),
    }
    return fields


def _coach_form(prefix: str, coach: dict | None) -> dict[str, Any]:
    c = coach or {}
    c1, c2 = st.columns(2)
    offered = [o.strip() for o in (c.get("offers") or "").split(";") if o.strip()]
    return {
        "name": c1.text_input("Name", value=c.get("name") or "", key=f"{prefix}_name"),
        "organisation": c2.text_input("Organisation", value=c.get("organisation") or "",
                                      key=f"{prefix}_org"),
        "kind": c1.selectbox("Kind", COACH_KINDS, format_func=directory.KIND_LABELS.__getitem__,
                             index=COACH_KINDS.index(c.get("kind") or "general"),
                             key=f"{prefix}_kind"),
        "offers": c2.multiselect("Offers", directory.COACH_OFFERS, key=f"{prefix}_offers",
                                 default=[o for o in offered if o in directory.COACH_OFFERS]),
        "fee_from": c1.text_input("Fee from (£)", key=f"{prefix}_fee",
                                  value="" if c.get("fee_from") is None
                                  else f"{c['fee_from']:.2f}"),
        "fee_note": c2.text_input("Fee note", value=c.get("fee_note") or "",
                                  key=f"{prefix}_fee_note"),
        "website": st.text_input("Website", value=c.get("website") or "", key=f"{prefix}_website"),
        "notes": st.text_area("About", value=c.get("notes") or "", key=f"{prefix}_notes"),
    }


def _resource_form(prefix: str, resource: dict | None) -> dict[str, Any]:
    r = resource or {}
    c1, c2 = st.columns(2)
    return {
        "title": c1.text_input("Title", value=r.get("title") or "", key=f"{prefix}_title"),
        "source": c2.text_input("Authors or source", value=r.get("source") or "",
                                key=f"{prefix}_source"),
        "year": c1.text_input("Year", value="" if r.get("year") is None else str(int(r["year"])),
                              key=f"{prefix}_year"),
        "topic": c2.text_input("Topic", value=r.get("topic") or "", key=f"{prefix}_topic"),
        "url": st.text_input("Link", value=r.get("url") or "", key=f"{prefix}_url"),
        "annotation": st.text_area("The trust's annotation", value=r.get("annotation") or "",
                                   key=f"{prefix}_annotation"),
    }


def _editor(user: User, entries: pd.DataFrame, *, kind: str, noun: str, add_title: str,
            name_field: str, form: Form, label: Label, add: Action, update: Action,
            set_retired: Action) -> None:
    """Add, edit, retire and restore one kind of directory entry (courses or coaches)."""
    # Lazy expanders: closed, their forms are not drawn (each costs every page switch).
    with st.expander(add_title, key=f"{kind}_add_open", on_change="rerun") as box:
        if widgets.is_open(box):
            with st.form(f"{kind}_add"):
                fields = form(f"{kind}_new", None)
                if st.form_submit_button(f"Add {noun}", key=f"{kind}_add_submit"):
                    forms.save(add, user.username, fields, message=f"Added {fields[name_field]}.")
    with st.expander(f"Edit or retire a {noun}", key=f"{kind}_edit_open", on_change="rerun") as box:
        if widgets.is_open(box):
            _edit(user, entries, kind=kind, noun=noun, name_field=name_field, form=form,
                  label=label, update=update, set_retired=set_retired)


def _edit(user: User, entries: pd.DataFrame, *, kind: str, noun: str, name_field: str,
          form: Form, label: Label, update: Action, set_retired: Action) -> None:
    """Edit, retire or restore one entry, chosen from a select box."""
    labels = {int(r.id): label(r) + (" (retired)" if r.retired else "")
              for r in entries.itertuples()}
    entry_id = st.selectbox(noun.capitalize(), list(labels), format_func=labels.__getitem__,
                            key=f"{kind}_pick")
    entry = entries[entries["id"] == entry_id].iloc[0].to_dict()
    entry = {k: (None if not isinstance(v,
                                        str | bool) and pd.isna(v) else v)
             for k, v in entry.items()}
    seen = forms.seen(f"{kind}_{entry_id}_version", entry["version"], family=f"{kind}_")
    with st.form(f"{kind}_edit_{entry_id}"):
        fields = form(f"{kind}_{entry_id}", entry)
        if st.form_submit_button(f"Save {noun}", key=f"{kind}_save_{entry_id}"):
            forms.save(update, user.username, entry_id, fields, seen,
                       message=f"Saved {fields[name_field]}.",
                       form=f"{kind}_{entry_id}_")
    name = entry[name_field]
    if entry["retired"]:
        if st.button("Bring back into the directory", key=f"{kind}_restore_{entry_id}"):
            forms.save(set_retired, user.username, entry_id, False,
                       message=f"{name} is back in the directory.")
    elif st.button(f"Retire this {noun}", key=f"{kind}_retire_{entry_id}"):
        forms.save(set_retired, user.username, entry_id, True,
                   message=f"Retired {name}: hidden from the directory, kept on record.")


def courses_tab(user: User, can_edit: bool) -> None:
    """Courses and programmes with live filters; staff add, edit and retire them."""
    courses = data.fetch(directory.courses)
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    text = c1.text_input("Search", key="dir_text", placeholder="e.g. MSc, Glasgow, NHS")
    formats = c2.multiselect("Format", COURSE_FORMATS, key="dir_format", placeholder="Any format")
    levels = c3.multiselect("Level", COURSE_LEVELS, key="dir_level", placeholder="Any level",
                            format_func=directory.LEVEL_LABELS.__getitem__)
    providers = c4.multiselect("Provider", sorted(courses["provider"].unique()), key="dir_provider",
                               placeholder="Any provider")
    c5, c6, c7 = st.columns([2, 1, 1])
    known = courses["cost_from"].dropna().astype(float)
    top = max(float(known.max()) if len(known) else 0.0, 1.0)
    low, high = c5.slider("Cost from (£)", 0.0, top, (0.0, top), step=1.0, key="dir_cost",
                          format="£%.0f")
    ranged = low > 0 or high < top
    unknown = c6.checkbox("Include courses with no published cost", value=True,
                          key="dir_cost_unknown", disabled=not ranged)
    free = c7.toggle("Free or funded only", key="dir_free")
    retired = c7.toggle("Show retired", key="dir_retired") if can_edit else False
    shown = directory.filter_courses(courses, directory.CourseFilters(
        cost_min=low if ranged else None, cost_max=high if ranged else None,
        include_unknown_cost=unknown, free_only=free, formats=tuple(formats),
        levels=tuple(levels), providers=tuple(providers), text=text, include_retired=retired))
    live = int((~courses["retired"].astype(bool)).sum())
    st.caption(f"{len(shown)} of {live} courses and programmes")
    tables.show(
        shown.assign(level=shown["level"].map(directory.LEVEL_LABELS))[
            ["title", "provider", "url", "format", "level", "cost_from", "is_free", "cost_note",
             "duration", "location", "summary"] + (["retired"] if retired else [])],
        hide_index=True, key="dir_courses_table",
        column_config={
            "url": st.column_config.LinkColumn("link"),
            "cost_from": st.column_config.NumberColumn("cost from", format="£%,.0f"),
            "is_free": st.column_config.CheckboxColumn("free or funded"),
        },
    )
    if can_edit:
        _editor(user, courses, kind="course", noun="course", add_title="Add a course or programme",
                name_field="title", form=_course_form,
                label=lambda r: f"{r.provider}: {r.title}",
                add=directory.add_course, update=directory.update_course,
                set_retired=directory.set_course_retired)


def coaches_tab(user: User, can_edit: bool) -> None:
    """Coaches and mentors with live filters; staff add, edit and retire them."""
    coaches = data.fetch(directory.coaches)
    c1, c2, c3 = st.columns([2, 1, 1])
    ctext = c1.text_input("Search", key="coach_text", placeholder="e.g. supervision, NHS")
    kinds = c2.multiselect("Kind", COACH_KINDS, key="coach_kind", placeholder="Any kind",
                           format_func=directory.KIND_LABELS.__getitem__)
    offers = c3.multiselect("Offers", directory.COACH_OFFERS, key="coach_offers",
                            placeholder="Anything")
    cretired = st.toggle("Show retired", key="coach_retired") if can_edit else False
    cshown = directory.filter_coaches(coaches, directory.CoachFilters(
        kinds=tuple(kinds), offers=tuple(offers), text=ctext, include_retired=cretired))
    live = int((~coaches["retired"].astype(bool)).sum())
    st.caption(f"{len(cshown)} of {live} coaches and mentors")
    tables.show(
        cshown.assign(kind=cshown["kind"].map(directory.KIND_LABELS))[
            ["name", "organisation", "website", "kind", "offers", "fee_from", "fee_note", "notes"]
            + (["retired"] if cretired else [])],
        hide_index=True, key="dir_coaches_table",
        column_config={
            "website": st.column_config.LinkColumn("website"),
            "fee_from": st.column_config.NumberColumn("fee from", format="£%,.0f"),
            "notes": st.column_config.TextColumn("about"),
        },
    )
    if can_edit:
        _editor(user, coaches, kind="coach", noun="coach", add_title="Add a coach or mentor",
                name_field="name", form=_coach_form, label=lambda r: r.name,
                add=directory.add_coach, update=directory.update_coach,
                set_retired=directory.set_coach_retired)


def resources_tab(user: User, can_edit: bool) -> None:
    """The trust's annotated reference lists; staff add, edit and retire them."""
    published = data.fetch(resources.published)
    r1, r2 = st.columns([2, 1])
    rtext = r1.text_input("Search", key="res_text", placeholder="e.g. coaching, RCOT")
    topics = r2.multiselect("Topic", sorted(published["topic"].dropna().unique()), key="res_topic",
                            placeholder="Any topic")
    rretired = st.toggle("Show retired", key="res_retired") if can_edit else False
    rshown = resources.filter_resources(published, resources.ResourceFilters(
        topics=tuple(topics), text=rtext, include_retired=rretired))
    live = int((~published["retired"].astype(bool)).sum())
    st.caption(f"{len(rshown)} of {live} resources. The trust's "
               "annotated reference lists; RCOT members' resources need an RCOT sign-in. "
               "To share an "
               "article, course or resource, tell the trust's secretary"
               + (" or add it under Suggestions." if can_edit else "."))
    tables.show(rshown[["title", "source", "year", "url", "topic", "annotation"]
                        + (["retired"] if rretired else [])],
                 hide_index=True, key="dir_resources_table",
                 column_config={"url": st.column_config.LinkColumn("link"),
                                "source": "authors or source",
                                "year": st.column_config.NumberColumn("year", format="%d")})
    if can_edit:
        _editor(user, published, kind="resource", noun="resource", add_title="Add a resource",
                name_field="title", form=_resource_form, label=lambda r: r.title,
                add=resources.add_resource, update=resources.update_resource,
                set_retired=resources.set_resource_retired)


def suggestions_tab(user: User) -> None:
    """Readers' suggestions of a course or resource: accept into the directory or decline."""
    queue = data.fetch(resources.suggestions)
    pending = queue[queue["status"] == "pending"]
    st.caption(f"{len(pending)} waiting. Readers' suggestions of a course or resource, entered "
               "here or uploaded (kind suggestions). Accepting adds it to the directory.")
    tables.show(queue[["kind", "title", "provider", "url", "year", "topic", "note", "suggested_by",
                        "status", "decided_by"]], hide_index=True, key="dir_suggestions_table",
                 column_config={"url": st.column_config.LinkColumn("link"),
                                "provider": "provider or source",
                                "year": st.column_config.NumberColumn("year", format="%d")})
    if len(pending):
        slabels = {int(r.id): f"{r.kind}: {r.title}" + (f" ({r.provider})" if r.provider else "")
                   for r in pending.itertuples()}
        sid = st.selectbox("Suggestion", list(slabels), format_func=slabels.__getitem__,
                           key="sugg_pick")
        reason = st.text_input("Reason, if you decline it", key="sugg_reason")
        a1, a2 = st.columns([1, 4])
        if a1.button("Accept into the directory", key="sugg_accept", type="primary"):
            forms.save(resources.accept, user.username, sid,
                       message=f"{slabels[sid]} is in the directory.")
        if a2.button("Decline", key="sugg_decline"):
            forms.save(resources.decline, user.username, sid, reason,
                       message=f"Declined {slabels[sid]}; it stays on record.", form="sugg_")
    with st.expander("Add a suggestion"), st.form("sugg_add"):
        c1, c2 = st.columns(2)
        sfields = {
            "kind": c1.radio("Kind", resources.SUGGESTION_KINDS, horizontal=True,
                             key="sugg_add_kind"),
            "title": c2.text_input("Title", key="sugg_add_title"),
            "provider": c1.text_input("Provider, authors or source", key="sugg_add_provider"),
            "url": c2.text_input("Link", key="sugg_add_url"),
            "year": c1.text_input("Year", key="sugg_add_year"),
            "topic": c2.text_input("Topic", key="sugg_add_topic"),
            "suggested_by": c1.text_input("Suggested by", key="sugg_add_by"),
            "email": c2.text_input("Their email", key="sugg_add_email"),
            "note": st.text_area("Why they suggest it", key="sugg_add_note"),
        }
        if st.form_submit_button("Add to the queue"):
            forms.save(resources.add_suggestion, user.username, sfields,
                       message=f"Queued {sfields['title']}.", form="sugg_add_")
