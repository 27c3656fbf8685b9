"""Pairs: who is paired with whom, who is unmatched, manual changes and suggested matching."""

from ui import guard, pairs_view

user = guard.require("pairs")
pairs_view.render(user)
