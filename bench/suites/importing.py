"""A 100,000-row mentee CSV validated and committed by the import engine, beside DuckDB's own
read_csv + INSERT of the same file into the same tables (the reference, same run, same start);
and the largest workbook within the limits (200,000 mentee rows) checked by the engine, which
reads it with python-calamine, beside openpyxl's streaming read of the same file alone (the
reader before calamine: 17 s for the whole check then)."""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import Result
from casson import importer
from casson.platform import db
from casson.platform.vocab import CAREER_STAGES, REGIONS

ROWS = 100_000
WORKBOOK_ROWS = 200_000
WORKBOOK_TARGET_S = 8.0
TARGET_S = 3.0
RATIO_TARGET = 5.0
PEAK_TARGET_MB = 500
ROOT = Path(__file__).resolve().parents[2]
COHORT = "bench-import"
THEMES = ("confidence", "storytelling", "influencing", "leading change", "research", "networking")


def write_csv(path: Path, rows: int = ROWS) -> Path:
    """Mentees as staff would upload them: mixed-case emails, themes in any order, CRLF."""
    with path.open("w", encoding="utf-8", newline="") as out:  # line by line: little memory
        out.write("Full Name,Email,Region,Career Stage,Specialty,Employer,Themes,Goals\r\n")
        for i in range(rows):
            themes = f"{THEMES[i % 6]}; {THEMES[(i * 7 + 3) % 6]}"
            out.write(f"Upload Person {i:06d},Upload.Person{i:06d}@Example.org,"
                      f"{REGIONS[i % len(REGIONS)]},{CAREER_STAGES[i % 3]},community,"
                      f"Trust {i % 90},{themes},Grow in confidence {i % 11}\r\n")
    return path


def _fresh_copy(source: Path, workdir: Path, name: str) -> Path:
    target = workdir / name
    for suffix in ("", ".wal"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    con = db.connect(target)
    con.execute("INSERT OR IGNORE INTO cohorts (id, name) VALUES (?, 'Bench upload cohort')",
                [COHORT])
    con.execute("CHECKPOINT")
    con.close()
    return target


def _reference_s(dbfile: Path, csv_path: Path) -> float:
    """DuckDB alone: read_csv, then INSERT the people and the cohort's participants."""
    con = db.connect(dbfile)
    start = time.perf_counter()
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TEMP TABLE staged AS SELECT * FROM read_csv(?, header = true, "
                "all_varchar = true)",
                [str(csv_path)])
    con.execute("""INSERT INTO people (full_name, email, email_key, region, career_stage, specialty,
                                    employer)
                   SELECT "Full Name", Email, lower(trim(Email)), Region, "Career Stage",
                   Specialty, Employer
                   FROM staged""")
    con.execute("""INSERT INTO participants (person_id, cohort_id, role, themes, goals)
                   SELECT p.id, ?, 'mentee', s.Themes, s.Goals
                   FROM staged s JOIN people p ON p.email_key = lower(trim(s.Email))""", [COHORT])
    con.execute("COMMIT")
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def _engine_s(dbfile: Path, csv_path: Path) -> float:
    con = db.connect(dbfile)
    start = time.perf_counter()
    result = importer.run(con, "mentees", csv_path, actor="bench", cohort=COHORT)
    elapsed = time.perf_counter() - start
    con.close()
    if result.status != "committed" or result.rows_new != ROWS:
        raise RuntimeError(f"bench import did not commit {ROWS} rows: {result.status}, "
                           f"{[e.line() for e in result.errors[:5]]}")
    return elapsed


def _workbook_s(dbfile: Path, xlsx: Path) -> float:
    """The engine's whole check (read, map, validate, compare) of the largest workbook."""
    con = db.connect(dbfile)
    start = time.perf_counter()
    prep = importer.prepare(con, "mentees", xlsx, cohort=COHORT)
    elapsed = time.perf_counter() - start
    con.close()
    if prep.rows_total != WORKBOOK_ROWS or prep.errors:
        raise RuntimeError(f"bench workbook: {prep.rows_total} rows, {prep.errors[:3]}")
    return elapsed


def _openpyxl_s(_dbfile: Path, xlsx: Path) -> float:
    """openpyxl's read-only stream of the same sheet into text, alone (the reader before)."""
    import openpyxl

    from casson.importer.workbooks import cell_text

    start = time.perf_counter()
    book = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    rows = sum(1 for values in book.worksheets[0].iter_rows(values_only=True)
               if [cell_text(v) for v in values])
    book.close()
    if rows != WORKBOOK_ROWS + 1:
        raise RuntimeError(f"openpyxl read {rows} rows")
    return time.perf_counter() - start


MODES = {"reference": _reference_s, "engine": _engine_s, "workbook": _workbook_s,
         "openpyxl": _openpyxl_s}


def measure(source_db: Path, mode: str, csv_path: Path) -> dict:
    """One timing in this (child) process, from a fresh copy of the bench database."""
    with tempfile.TemporaryDirectory(prefix="casson-bench-import-") as tmp:
        dbfile = _fresh_copy(source_db, Path(tmp), "import.duckdb")
        seconds = MODES[mode](dbfile, csv_path)
    return {"seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(db_path: Path, mode: str, csv_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.suites.importing", str(db_path), mode,
                          str(csv_path)], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(ctx) -> list[Result]:
    # Each timing in a child process of its own, engine and reference taking turns, so both
    # see the same machine; the import's memory is its own figure, not the app renders' peak.
    with tempfile.TemporaryDirectory(prefix="casson-bench-csv-") as tmp:
        csv_path = write_csv(Path(tmp) / "mentees.csv")
        size_mb = csv_path.stat().st_size / 1024 / 1024
        runs = {"reference": [], "engine": []}
        for _ in range(3):
            for mode in runs:
                runs[mode].append(_child(ctx.db, mode, csv_path))
    workbook = _workbook_results(ctx)
    engine_s = statistics.median(r["seconds"] for r in runs["engine"])
    reference_s = statistics.median(r["seconds"] for r in runs["reference"])
    peak = max(r["peak_mb"] for r in runs["engine"])
    return [
        Result(f"import: {ROWS:,}-row mentee CSV ({size_mb:.0f} MB) validated + committed",
               round(engine_s, 2), "s", TARGET_S, round(reference_s, 2)),
        Result("import: engine / DuckDB read_csv + INSERT of the same file (same run)",
               round(engine_s / reference_s, 1), "x", RATIO_TARGET, f"DuckDB {reference_s:.2f} s"),
        Result("import: peak memory of a process importing the 100,000 rows", round(peak, 1), "MB",
               PEAK_TARGET_MB,
               f"DuckDB alone {max(r['peak_mb'] for r in runs['reference']):.0f} MB"),
        *workbook,
    ]


def _workbook_results(ctx) -> list[Result]:
    sys.path.insert(0, str(ROOT))
    from tests import hostile_files as hf

    with tempfile.TemporaryDirectory(prefix="casson-bench-xlsx-") as tmp:
        xlsx = Path(tmp) / "largest.xlsx"
        hf.write_xlsx(xlsx, hf.mentee_rows(WORKBOOK_ROWS), width=8, height=WORKBOOK_ROWS + 1)
        size_mb = xlsx.stat().st_size / 1024 / 1024
        after = [_child(ctx.db, "workbook", xlsx) for _ in range(2)]
        before = _child(ctx.db, "openpyxl", xlsx)
    after_s = min(r["seconds"] for r in after)
    return [
        Result(f"import: largest workbook within limits ({WORKBOOK_ROWS:,} rows, {size_mb:.0f} MB) "
               "checked (calamine)", round(after_s, 1), "s", WORKBOOK_TARGET_S,
               f"openpyxl's read alone {before['seconds']:.1f} s; whole check before: 17 s"),
        Result("import: peak memory of the process checking the largest workbook",
               round(max(r["peak_mb"] for r in after), 1), "MB", PEAK_TARGET_MB),
    ]


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))))
