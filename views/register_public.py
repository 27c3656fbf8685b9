"""The public register of interest (/register, signed out), off unless `public_register` is on.

See ui/register_public_view.py; while it is off this URL is the sign-in form like any other.
"""

from ui import register_public_view

register_public_view.render()
