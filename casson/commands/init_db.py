"""init-db [--demo] [--force]: create or migrate the database; --demo loads demo data."""

from __future__ import annotations

import argparse

from casson import demo
from casson.commands import EXIT_OK, EXIT_REJECTED
from casson.platform import config, db, dbfiles

NAME = "init-db"
HELP = "create or migrate the database; --demo loads the demo data"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--demo", action="store_true",
                   help="load the demo data (into an empty database)")
    p.add_argument("--force", action="store_true",
                   help="delete the existing database file first (its data is lost)")


def run(args: argparse.Namespace) -> int:
    path = config.db_path(args.db)
    if args.force and path.exists():
        db.connect(path, migrate_schema=False).close()  # refuses if the app holds the file
        for stale in (path, dbfiles.wal(path)):
            stale.unlink(missing_ok=True)
    con = db.connect(path)
    try:
        version = db.schema_version(con)
        if args.demo:
            if dbfiles.scalar(con, "SELECT count(*) FROM cohorts"):
                print(f"{path} already holds data; nothing loaded. Use --force to start again.")
                return EXIT_REJECTED
            demo.load(con)
            print(f"Created {path} (schema version {version}) with the demo data.")
        else:
            print(f"Database {path} is at schema version {version}.")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return EXIT_OK
