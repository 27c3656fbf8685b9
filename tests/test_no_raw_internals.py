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
            for m in at.metric:
                if str(m.value).strip() in RAW or str(m.label).strip() in RAW:
                    problems.append(f"{role}/{spec.key}/{view}: metric {m.label!r} = {m.value!r}")
    assert not problems, "\n".join(problems)
    # the sweep reached the tabs that only run when opened
    assert {"outcomes/outcomes_tab=Cohort against cohort", "bids/bids_tab=Charts"} <= opened
    if role != "trustee":
        assert {"pairs/pairs_tabs=History", "outcomes/outcomes_tab=Responses"} <= opened
