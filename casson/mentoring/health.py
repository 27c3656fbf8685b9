"""Programme health: how pairs are meeting and how check-ins say the fit is. Aggregates only.

One function (`figures`) serves the Outcomes page and the board pack. Every figure carries its
n, and a figure over a group of fewer than MIN_GROUP (5) is suppressed: its value is None.

A group that never logged a meeting (the 2021 pilot kept no meeting log) has no meeting figure.

- meetings per pair: the median number of meetings logged per formed pair (active, completed
  or ended early) that had started by the date;
- meeting at least fortnightly: the share of those pairs that had run 14 days or more whose
  meetings number at least one per full 14 days run (n is those pairs);
- check-in fit: each participant's latest fit; the share good / unsure / poor of those who
  gave one (a share over fewer than 5 people is suppressed too, so nobody is singled out).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from casson.mentoring.checkins import FITS
from casson.platform import queries

MIN_GROUP = 5
FORTNIGHT = 14


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None      # None when suppressed or there is nothing to count
    n: int
    unit: str                # "meetings" | "%"
    suppressed: bool

    def text(self) -> str:
        """'2.5 meetings (n = 48)', or 'fewer than 5 (suppressed)'."""
        if self.suppressed:
            return f"suppressed: fewer than {MIN_GROUP} (n < {MIN_GROUP})"
        if self.value is None:
            return f"no data yet (n = {self.n})"
        # One decimal on every percentage ("good 80.3%" beside "unsure 18.0%", not "18%").
        shown = f"{self.value:.1f}%" if self.unit == "%" else f"{self.value:g} {self.unit}"
        return f"{shown} (n = {self.n})"


def _figure(key: str, label: str, value: float | None, n: int, unit: str,
            group: int | None = None) -> Figure:
    small = 0 < (n if group is None else group) < MIN_GROUP or 0 < n < MIN_GROUP
    return Figure(key, label, None if small else value, n, unit, small)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def meeting_figures(meetings: list[int], days_run: list[int]) -> list[Figure]:
    """The two meeting figures from per-pair counts and days run (pure: tested on its own)."""
    n = len(meetings)
    logged = sum(meetings) > 0  # a cohort that never logged meetings (the pilot) has no figure
    median = round(float(statistics.median(meetings)), 1) if n and logged else None
    runs = [(m, d) for m, d in zip(meetings, days_run, strict=True) if d >= FORTNIGHT]
    fortnightly = sum(1 for m, d in runs if m >= d // FORTNIGHT)
    return [
        _figure("meetings_per_pair", "Meetings per pair (median)", median, n, "meetings"),
        _figure("meeting_fortnightly", "Pairs meeting at least fortnightly",
                _pct(fortnightly, len(runs)) if logged else None, len(runs), "%"),
    ]


def fit_figures(counts: dict[str, int]) -> list[Figure]:
    """One figure per fit over everyone who gave one; a share of under 5 people is suppressed."""
    n = sum(counts.values())
    return [_figure(f"fit_{fit}", f"Check-in fit: {fit}", _pct(counts.get(fit, 0), n), n, "%",
                    group=counts.get(fit, 0))
            for fit in FITS]


def figures(con: duckdb.DuckDBPyConnection, cohort: str | None = None,
            as_of: dt.date | None = None) -> list[Figure]:
    """Programme health of one cohort (or of every cohort, `cohort` None) on `as_of` (today)."""
    day = as_of or dt.date.today()
    pairs = queries.rows(con, "mentoring/health_pairs", cohort=cohort, as_of=day)
    fit = {r["fit"]: int(r["n"]) for r in queries.rows(con, "mentoring/health_fit", cohort=cohort,
                                                       as_of=day)}
    return (meeting_figures([int(p["meetings"]) for p in pairs],
                            [max(0, int(p["days_run"])) for p in pairs])
            + fit_figures(fit))


def to_json(found: list[Figure]) -> dict[str, Any]:
    return {f.key: asdict(f) for f in found}
