"""A personal link's page (/respond?t=TOKEN): open without sign-in; see ui/respond_view.py."""

from ui import respond_view

respond_view.render()
