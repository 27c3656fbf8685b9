"""The public register of interest (/register), off unless the setting `public_register` is on.

An entry needs the consent box ticked; it lands in the register as `new`, source `web form`,
through interest.add_entry (checked and audited like staff entry). A filled honeypot field (a
bot) and an email already registered get the same thanks as a new entry, and store nothing:
the form never tells a stranger who is on the register.
"""

from __future__ import annotations

from typing import Any

import duckdb

from casson.mentoring import interest
from casson.platform import queries, settings
from casson.platform.errors import Refused

SOURCE = "web form"
ACTOR = "web form"
THANKS = "Thank you: your interest is registered. The trust will be in touch about the next cohort."
ON = ("on", "true", "yes", "1")


class RegisterClosed(Refused):
    """The public register is switched off."""


def is_open(con: duckdb.DuckDBPyConnection) -> bool:
    return (settings.get(con, "public_register") or "off").strip().lower() in ON


def submit(con: duckdb.DuckDBPyConnection, fields: dict[str, Any], honeypot: str = "") -> str:
    """One entry from the public form; returns the thank-you line (InterestError if invalid)."""
    if not is_open(con):
        raise RegisterClosed("The register of interest is not open at the moment.")
    if (honeypot or "").strip():
        return THANKS  # a bot filled the field people never see
    if not fields.get("consent"):
        raise interest.InterestError("Tick the box to agree that the trust may contact you.")
    entry = {
        "full_name": fields.get("full_name"),
        "email": fields.get("email"),
        "region": fields.get("region") or None,
        "role_wanted": fields.get("role_wanted"),
        "cohort_wanted": interest.FUTURE,
        "source": SOURCE,
        "consent": True,
    }
    values = interest.clean_entry(con, entry)  # refuses a bad name, email or role plainly
    if queries.one(
        con,
        "mentoring/interest_find",
        email_key=values["email"].lower(),
        role_wanted=values["role_wanted"],
        cohort_wanted=values["cohort_wanted"],
    ):
        return THANKS  # already there: say nothing that tells a stranger so
    interest.add_entry(con, ACTOR, values)
    return THANKS
