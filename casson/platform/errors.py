"""The refusals a person is shown, as opposed to bugs.

Every domain error a page or command reports to its user ("that bid is over the cap", "someone
saved this since you opened it") is a `Refused`. Pages and commands catch `Refused` and show its
message; anything else is a bug and shows as one.
"""

from __future__ import annotations


class Refused(Exception):
    """A user-facing refusal: the message says what was wrong and what to do; nothing was
    changed."""


class Stale(Refused):
    """The copy being saved is older than the stored one: someone saved it since it was read."""
