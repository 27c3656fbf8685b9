"""The bench's result rows and the table it prints."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: float | None      # the figure must be <= target (None: informational)
    reference: float | str | None = None

    @property
    def within(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def median_ms(fn: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def write(results: list[Result]) -> None:
    RESULTS.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")


def table(results: list[Result]) -> str:
    rows = [("figure", "value", "target", "reference", "ok")]
    for r in results:
        ok = {True: "yes", False: "NO", None: "-"}[r.within]
        target = "-" if r.target is None else f"<= {r.target:g} {r.unit}"
        ref = "-" if r.reference is None else (
            f"{r.reference:g} {r.unit}" if isinstance(r.reference, float | int)
            else str(r.reference))
        rows.append((r.name, f"{r.value:g} {r.unit}", target, ref, ok))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
