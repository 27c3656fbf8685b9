"""The public register of interest: off unless set, consent required, a honeypot, no leaks."""

from __future__ import annotations

import pytest

from casson.mentoring import interest, public_register
from casson.platform import settings

ENTRY = {
    "full_name": "Nia Rees",
    "email": "Nia.Rees@example.org",
    "role_wanted": "mentor",
    "region": "Wales",
    "consent": True,
}


def _entries(con):
    return con.execute(
        "SELECT full_name, email, region, role_wanted, cohort_wanted, source, "
        "consent, status FROM interest WHERE email_key = 'nia.rees@example.org'"
    ).fetchall()


def test_the_public_register_is_closed_unless_the_setting_is_on(con):
    assert not public_register.is_open(con)
    with pytest.raises(public_register.RegisterClosed):
        public_register.submit(con, ENTRY)
    assert _entries(con) == []


def test_an_entry_lands_in_the_register_as_new_from_the_web_form(con):
    settings.put(con, "public_register", "on")
    assert public_register.submit(con, ENTRY) == public_register.THANKS
    assert _entries(con) == [
        ("Nia Rees", "Nia.Rees@example.org", "Wales", "mentor", "future", "web form", True, "new")
    ]
    assert con.execute(
        "SELECT actor FROM audit_log WHERE action = 'interest.add' ORDER BY id DESC LIMIT 1"
    ).fetchone() == ("web form",)
    # the same person again gets the same thanks and no second entry (nothing tells a stranger)
    assert public_register.submit(con, ENTRY) == public_register.THANKS
    assert len(_entries(con)) == 1


def test_no_consent_is_refused_and_a_filled_honeypot_stores_nothing(con):
    settings.put(con, "public_register", "on")
    with pytest.raises(interest.InterestError, match="Tick the box"):
        public_register.submit(con, {**ENTRY, "consent": False})
    assert (
        public_register.submit(con, ENTRY, honeypot="http://spam.example") == public_register.THANKS
    )
    assert _entries(con) == []
    with pytest.raises(interest.InterestError, match="not an email address"):
        public_register.submit(con, {**ENTRY, "email": "nia at example"})
