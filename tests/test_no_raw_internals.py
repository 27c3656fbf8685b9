"""Every page and every tab of it, for every role, over the demo data: no table cell or metric reads
None, nan or NaT,
and no table header is a database name."""

import re

import pandas as pd
import pytest

from casson.platform import access
from tests.conftest import signed_in_app
from tests.support import each_tab
from ui import tables

RAW = {"None", "nan", "NaN", "NaT", "<NA>", "null"}
SNAKE = re.compile(r"^[a-z]+(_[a-z]+)+$")
# Internals in the words a person reads: environment variables, setting keys and wildcards,
# snake_case values (in_progress), Python's None in a sentence, icon ligature words.
INTERNAL_WORDS = re.compile(r"CASSON_[A-Z_]+|\b[a-z]+_\*|\b[a-z]+(?:_[a-z]+)+\b|(?<=[a-z] )None\b"
                            r"|keyboard_arrow|\bvisibility\b")


def _prose(at) -> list[tuple[str, str]]:
    """Every sentence on the page: markdown, captions, alerts, and widget labels and help."""
    found = []
    for kind in ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
                 "subheader"):
        for el in getattr(at, kind):
            found.append((kind, str(el.value)))
    for kind in ("button", "selectbox", "multiselect", "text_input", "date_input", "radio",
                 "checkbox", "toggle", "number_input", "text_area"):
        for el in getattr(at, kind):
            found.append((kind, f"{el.label} {getattr(el, 'help', '') or ''}"))
    return found


def _internal_words(at) -> list[str]:
    out = []
    for kind, text in _prose(at):
        if kind == "markdown" and text.lstrip().startswith("<style"):
            continue  # our own CSS
        # emails, links, code, icons and template {placeholders} are meant to be read as typed
        clean = re.sub(r"\S+@\S+|https?://\S+|`[^`]*`|:material/[a-z_]+:|\{[a-z_]+\}", "", text)
        out += [f"{kind}: {m.group(0)!r} in {text[:80]!r}" for m in INTERNAL_WORDS.finditer(clean)]
    return out


def _raw_cells(df: pd.DataFrame) -> list[str]:
    found = []
    for col in df.columns:
        for v in df[col]:
            if isinstance(v, str) and v.strip() in RAW:
                found.append(f"{col}={v!r}")
    return found


def _labels(proto) -> dict[str, str]:
    import json

    cfg = json.loads(proto.columns or "{}")
    return {name: (c or {}).get("label") for name, c in cfg.items()}


@pytest.mark.parametrize("role", ["admin", "staff", "trustee"])
def test_no_page_shows_none_nan_or_nat_or_a_database_header(app_env, role):
    at = signed_in_app(role).run()
    problems: list[str] = []
    opened: set[str] = set()
    for spec in access.pages_for(role):
        at.switch_page(spec.path).run()
        for view in each_tab(at):  # every lazy tab of the page, opened in turn
            assert not at.exception, f"{spec.key}/{view}: {at.exception}"
            opened.add(f"{spec.key}/{view}")
            for frame in at.dataframe:
                df = frame.value
                where = f"{role}/{spec.key}/{view}/{frame.key or 'table'}"
                problems += [f"{where}: {c}" for c in _raw_cells(df)]
                drawn_blank = (frame.proto.HasField("placeholder")
                               and frame.proto.placeholder in (tables.DASH, ""))
                if df.isna().to_numpy().any() and not drawn_blank:
                    problems.append(f"{where}: missing values drawn as None")
                labels = _labels(frame.proto)
                for col in df.columns:
                    shown = labels.get(str(col)) or str(col)
                    if SNAKE.match(shown):
                        problems.append(f"{where}: header {shown!r}")
            problems += [f"{role}/{spec.key}/{view}: {w}" for w in _internal_words(at)]
            for m in at.metric:
                if str(m.value).strip() in RAW or str(m.label).strip() in RAW:
                    problems.append(f"{role}/{spec.key}/{view}: metric {m.label!r} = {m.value!r}")
    assert not problems, "\n".join(problems)
    # the sweep reached the tabs that only run when opened
    assert {"outcomes/outcomes_tab=Cohort against cohort", "bids/bids_tab=Charts"} <= opened
    if role != "trustee":
        assert {"pairs/pairs_tabs=History", "outcomes/outcomes_tab=Responses"} <= opened
