"""The one form plumbing every page uses: save, flash / show_flash, and the version a user saw.

- `save` writes through the domain and either refuses with the domain's plain message, reloads
  the form on a stale copy (someone else saved first), or flashes success and reruns.
- `flash` keeps a message across the rerun that shows the change; `show_flash` shows it once.
- `seen` remembers the version of a record as it was when this user's form first showed it, so
  a save made on an old copy is refused instead of overwriting someone else's change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

from casson.platform.errors import Refused, Stale
from ui import data, safe

FLASH_KEY = "_flash"
SEEN_KEY = "_seen"



def flash(message: str, kind: str = "success") -> None:
    """Keep `message` for the next run of the page (kind: success | error | info)."""
    st.session_state[FLASH_KEY] = (kind, message)


def show_flash() -> None:
    """Show the kept message once, at the top of the page."""
    kind, message = st.session_state.pop(FLASH_KEY, (None, None))
    if not message:
        return
    message = safe.text(message)  # names and values in it are stored text, never Markdown
    if kind == "error":
        st.error(message, icon=":material/block:")
    elif kind == "info":
        st.info(message)
    else:
        st.success(message, icon=":material/check_circle:")
        # the note above sits at the top of the page; a form may be far below it, in a tab:
        # the toast is seen where the click was
        st.toast(message, icon=":material/check_circle:")


def _seen_map() -> dict[str, Any]:
    return st.session_state.setdefault(SEEN_KEY, {})


def seen(key: str, version: Any, family: str | None = None) -> Any:
    """The version of record `key` this user's form first showed; `version` on first sight.

    With `family` (a key prefix), the versions seen of the family's other records are
    forgotten, so reopening one of them later reads it afresh."""
    versions = _seen_map()
    if family:
        for other in [k for k in versions if k.startswith(family) and k != key]:
            del versions[other]
    return versions.setdefault(key, version)


def remember_versions(family: str, versions: dict[Hashable, Any]) -> None:
    """A table's rows as this render showed them: `family` + str(id) -> version."""
    current = _seen_map()
    for other in [k for k in current if k.startswith(family)]:
        del current[other]
    current.update({f"{family}{record_id}": v for record_id, v in versions.items()})


def seen_version(key: str) -> Any:
    return _seen_map().get(key)


def forget_seen(family: str) -> None:
    """Forget the versions seen of a family of records (their forms will read them afresh)."""
    versions = _seen_map()
    for key in [k for k in versions if k.startswith(family)]:
        del versions[key]


def forget(prefix: str | None) -> None:
    """Drop a form's widget values and the versions it saw (every key starting with `prefix`)."""
    if not prefix:
        return
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    forget_seen(prefix)


def save(action: Callable[..., Any], *args: Any,
         message: str | Callable[[Any], str], form: str | None = None,
         after: Callable[[], None] | None = None, in_callback: bool = False,
         **kwargs: Any) -> bool:
    """Write through the domain: `action(cursor, *args, **kwargs)`.

    - a `Stale` refusal (someone saved the record since it was read): the form is forgotten and the
    page reruns on the record as it now is,
      saying why;
    - any other `Refused`: its plain-English message is shown and the form keeps its values;
    - success: cached reads are cleared, the form (`form`, a key prefix) is emptied so it
      cannot be sent twice, `after` runs, and `message` (or `message(result)`) is flashed.

    In a widget callback (`in_callback=True`) nothing reruns (Streamlit reruns next anyway)
    and a refusal is flashed rather than shown inline. Returns True when it was saved.
    """
    try:
        with data.cursor() as cur:
            result = action(cur, *args, **kwargs)
    except Stale as exc:
        data.clear_caches()
        forget(form)
        flash(str(exc), "error")
        if not in_callback:
            st.rerun()
        return False
    except Refused as exc:
        if in_callback:
            flash(str(exc), "error")
        else:
            st.error(safe.text(exc), icon=":material/block:")
        return False
    data.clear_caches()
    forget(form)
    if after:
        after()
    flash(message(result) if callable(message) else message)
    if not in_callback:
        st.rerun()
    return True
