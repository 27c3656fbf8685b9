"""Hostile uploads: a zip bomb, workbooks and CSVs over the row and cell limits, control
characters deep in a file, and a long read that is stopped from outside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casson import importer
from casson.importer import reading
from tests import hostile_files as hf

ROOT = Path(__file__).resolve().parent.parent

# Run in a process of its own, so that its peak memory is the refusal's alone.
_MEASURE = """
import json, sys, time
from pathlib import Path
from casson.importer import reading
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
try:
    reading.read(data, Path(sys.argv[1]).name)
    message = None
except reading.ReadError as exc:
    message = str(exc)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"message": message, "seconds": round(time.perf_counter() - start, 2),
                  "peak_mb": round(int(hwm.split()[1]) / 1024, 1)}))
"""


def measure_read(path: Path, env: dict[str, str] | None = None) -> dict:
    """Read `path` in a fresh Python process: its refusal message, seconds and peak memory."""
    import os

    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, check=True,
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=600)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "cohort-3 mentees.xlsx"
    hf.zip_bomb_xlsx(path)
    return path


def test_a_zip_bomb_is_refused_from_its_zip_directory_in_little_memory(bomb: Path):
    assert bomb.stat().st_size < 10 * 1024 * 1024  # a few MB on disk, 1.5 GB of sheet XML inside
    got = measure_read(bomb)
    assert got["message"] is not None
    assert "1,520 MB of sheet data" in got["message"]
    assert "the limit is 200 MB" in got["message"]
    assert "CASSON_IMPORT_MAX_SHEET_MB" in got["message"]
    assert got["peak_mb"] < 300, got  # the time it took is a bench figure (bench/suites/hostile.py)


def test_the_sheet_size_limit_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = hf.xlsx_bytes(hf.mentee_rows(3_000), width=8, height=3_001)
    monkeypatch.setenv("CASSON_IMPORT_MAX_SHEET_MB", "1")
    with pytest.raises(reading.ReadError, match="the limit is 1 MB"):
        reading.read(data, "x.xlsx")
    monkeypatch.delenv("CASSON_IMPORT_MAX_SHEET_MB")
    assert len(reading.read(data, "x.xlsx").rows) == 3_000


def test_a_sheet_declaring_too_many_rows_is_refused_before_any_cell_is_parsed(monkeypatch):
    data = hf.xlsx_bytes(hf.mentee_rows(1_500), width=8, height=1_501)
    monkeypatch.setenv("CASSON_IMPORT_MAX_ROWS", "1000")
    import openpyxl

    def never(*_a, **_k):
        raise AssertionError("the workbook was opened for parsing")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(reading.ReadError) as refused:
        reading.read(data, "x.xlsx")
    assert str(refused.value).startswith("The file has 1,500 rows; the limit is 1,000 rows")
    assert "CASSON_IMPORT_MAX_ROWS" in str(refused.value)


def test_a_sheet_hiding_its_size_is_stopped_at_the_row_limit():
    data = hf.xlsx_bytes(hf.mentee_rows(1_500), width=8, dimension=False)
    with pytest.raises(reading.ReadError, match="more than 1,000 rows; the limit is 1,000 rows"):
        reading.read(data, "x.xlsx", limits=reading.Limits(rows=1_000))
    assert len(reading.read(data, "x.xlsx", limits=reading.Limits(rows=1_500)).rows) == 1_500


def test_a_sheet_declaring_every_column_is_refused_by_its_cell_count():
    rows = [["full_name", "email"], ["Ann Wide", "ann@example.org"]]
    data = hf.xlsx_bytes(rows, width=16_384, height=300)  # A1:XFD300, as a hostile file may say
    with pytest.raises(reading.ReadError, match=r"4,915,200 cells or more; the limit is 4,000,000"):
        reading.read(data, "x.xlsx")


def test_a_csv_over_the_row_limit_is_refused_naming_the_limit():
    data = hf.csv_with_control(2_500, bad_row=0)
    with pytest.raises(reading.ReadError, match="more than 2,000 rows; the limit is 2,000 rows"):
        reading.read(data, "x.csv", limits=reading.Limits(rows=2_000))
    assert len(reading.read(data, "x.csv", limits=reading.Limits(rows=2_500)).rows) == 2_500


def test_a_nul_in_row_2500_of_a_csv_is_refused_with_its_row(con):
    data = hf.csv_with_control(3_000, bad_row=2_500)
    assert data.index(b"\x00") > 65_536  # beyond what the binary sniffing looks at
    people = con.execute("SELECT count(*) FROM people").fetchone()[0]
    result = importer.run(con, "mentees", data, file_name="mentees.csv", cohort="cohort-2",
                          actor="tester")
    assert result.status != "committed"
    (error,) = result.errors
    assert error.reason.startswith("Row 2,500 holds NUL (U+0000)")
    assert "row 2,500, column 1" in error.reason
    assert con.execute("SELECT count(*) FROM people").fetchone()[0] == people
    assert con.execute("SELECT count(*) FROM people WHERE full_name "
                       "LIKE '%Nu%ll Two%'").fetchone()[0] == 0


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x08", "\x7f"])
def test_a_control_character_in_a_small_csv_is_refused_with_its_row(char: str):
    data = ("full_name,email,region\nAnn One,ann@example.org,London\n"
            f"Bob Two,bob@example.org,Lon{char}don\n").encode()
    with pytest.raises(reading.ReadError, match=r"^Row 3 holds .*row 3, column 3"):
        reading.read(data, "x.csv")


def test_tabs_and_line_breaks_inside_values_are_text_not_control_characters():
    data = b'full_name,goals\nAnn One,"Lead\r\na\tteam"\n'
    table = reading.read(data, "x.csv")
    assert table.rows.iloc[0].tolist() == ["Ann One", "Lead\r\na\tteam"]


def test_a_c1_control_character_in_a_workbook_is_refused_with_its_row():
    rows = [["full_name", "email"], ["Ann One", "ann@example.org"],
            ["Bob \x9bTwo", "bob@example.org"]]
    with pytest.raises(reading.ReadError, match=r"^Row 3 holds a control character \(U\+009B\)"):
        reading.read(hf.xlsx_bytes(rows, width=2, height=3), "x.xlsx")


class Stop(Exception):
    pass


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_read_reports_progress_and_stops_when_its_watcher_says_so(fmt, monkeypatch):
    monkeypatch.setattr(reading, "REPORT_EVERY_S", 0.0)
    rows = list(hf.mentee_rows(60_000 if fmt == "csv" else 6_000))
    data = (hf.xlsx_bytes(rows, width=8, height=len(rows)) if fmt == "xlsx"
            else "\n".join(",".join(r) for r in rows).encode())
    seen: list[tuple[float, str]] = []
    with reading.watching(lambda f, m: seen.append((f, m))):
        reading.read(data, f"x.{fmt}")
    assert len(seen) >= 2 and all(0 <= f <= 1 for f, _ in seen)
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    assert "rows" in seen[-1][1]

    def stop_second_time(fraction: float, message: str) -> None:
        if len(calls) == 1:
            raise Stop(message)
        calls.append(fraction)

    calls: list[float] = []
    with reading.watching(stop_second_time), pytest.raises(Stop):
        reading.read(data, f"x.{fmt}")
    # outside the block nothing watches any more
    reading.read(data, f"x.{fmt}")
    assert len(calls) == 1
