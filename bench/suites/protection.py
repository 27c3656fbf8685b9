"""Security and data protection at profession scale: sign-in check, backup, restore, erasure."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.results import Result


def _copy(db: Path, folder: Path) -> Path:
    """A private copy of the bench database (with its WAL), so nothing here changes it."""
    dest = folder / "protection.duckdb"
    shutil.copy(db, dest)
    wal = Path(str(db) + ".wal")
    if wal.exists():
        shutil.copy(wal, Path(str(dest) + ".wal"))
    return dest


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 2)


def run(ctx) -> list[Result]:
    from casson.platform import accounts, db, signin
    from casson.protection import backups, erasure

    out: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = signin.AuthStore(folder / "state.sqlite")
        users = accounts.load(ctx.accounts)["credentials"]["usernames"]
        policy = signin.Policy()
        times = []
        for name in ("staff", "nobody-here"):  # a wrong password and an unknown user
            start = time.perf_counter()
            signin.sign_in(store, users, name, "not-the-password", None, time.time(), policy)
            times.append((time.perf_counter() - start) * 1000)
        out.append(Result("sign-in check, wrong password (one bcrypt)", round(times[0], 1), "ms",
                          None))
        out.append(Result("sign-in check, unknown user (one bcrypt)", round(times[1], 1), "ms",
                          None,
                          "same work as a wrong password"))

        path = _copy(ctx.db, folder)
        con = db.connect(path)
        dest = folder / "backups.duckdb"
        out.append(Result("backup of the profession-scale database",
                          _seconds(lambda: backups.backup(con, dest)),
                          "s", 60.0))
        email = con.execute("SELECT p.email FROM people p JOIN participants pa ON "
                            "pa.person_id = p.id "
                            "WHERE pa.cohort_id = 'bench-01' LIMIT 1").fetchone()[0]
        out.append(Result("erase one person (all tables scrubbed)",
                          _seconds(lambda: erasure.erase_person(con, email, "bench")), "s", 60.0))
        con.close()
        out.append(Result("rewrite the file after erasure (compact)",
                          _seconds(lambda: erasure.compact(path)), "s", 120.0))
        out.append(Result("restore from a backup", _seconds(lambda: backups.restore(dest, path)),
                          "s", 120.0))
    return out
