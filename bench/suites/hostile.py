"""Hostile and largest uploads: a zip bomb refused, and the largest workbook within the limits
(200,000 mentee rows) checked by the import engine. Each runs in a Python process of its own
and reports its own peak memory (VmHWM), so neither figure carries the other's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.results import Result

ROOT = Path(__file__).resolve().parent.parent.parent
LARGEST_ROWS = 200_000

_PEAK = ("hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
         "peak = round(int(hwm.split()[1]) / 1024, 1)\n")
_BOMB = """
import json, sys, time
from pathlib import Path
from casson.importer import reading
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
try:
    reading.read(data, "bomb.xlsx"); refused = False
except reading.ReadError:
    refused = True
seconds = time.perf_counter() - start
""" + _PEAK + """print(json.dumps({"refused": refused, "seconds": round(seconds, 2),
                  "peak_mb": peak}))
"""
_LARGEST = """
import json, sys, time
from pathlib import Path
from casson import importer
from casson.platform import db
con = db.connect(Path(sys.argv[2]))
importer.create_cohort(con, "bench-upload", "Bench upload")
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
prep = importer.prepare(con, "mentees", data, file_name="largest.xlsx", cohort="bench-upload")
seconds = time.perf_counter() - start
""" + _PEAK + """print(json.dumps({"rows": prep.rows_total, "errors": len(prep.errors),
                  "seconds": round(seconds, 1),
                  "peak_mb": peak}))
"""


def _child(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True, text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(ctx) -> list[Result]:
    sys.path.insert(0, str(ROOT))
    from tests import hostile_files as hf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hf.zip_bomb_xlsx(folder / "bomb.xlsx")
        bomb = _child(_BOMB, str(folder / "bomb.xlsx"))
        assert bomb["refused"], bomb
        hf.write_xlsx(folder / "largest.xlsx", hf.mentee_rows(LARGEST_ROWS), width=8,
                      height=LARGEST_ROWS + 1)
        largest = _child(_LARGEST, str(folder / "largest.xlsx"), str(folder / "upload.duckdb"))
        size_mb = round((folder / "largest.xlsx").stat().st_size / 1024 / 1024, 1)
    return [
        Result("zip-bomb XLSX (6 MB, 1.5 GB of sheet XML) refused", bomb["seconds"], "s", 5),
        Result("zip-bomb XLSX: peak memory of its process", bomb["peak_mb"], "MB", 300),
        Result(f"largest XLSX within limits ({LARGEST_ROWS:,} rows, {size_mb} MB) checked",
               largest["seconds"],
               "s", None, f"{largest['rows']:,} rows, {largest['errors']} errors"),
        Result("largest XLSX within limits: peak memory of its process", largest["peak_mb"], "MB",
               500),
    ]
