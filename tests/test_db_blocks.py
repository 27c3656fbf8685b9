"""Database files are written in small blocks: the trust's data is small, and every import
first writes a backup of the whole file."""

from __future__ import annotations

import duckdb

from casson.platform import dbfiles


def _block_size(path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]


def test_the_demo_database_is_written_in_small_blocks_and_stays_small(demo_db):
    assert _block_size(demo_db) == dbfiles.BLOCK_SIZE == 16_384
    assert demo_db.stat().st_size < 2_000_000  # 14.2 MB in DuckDB's default 256 KB blocks


def test_a_copy_of_an_older_file_in_large_blocks_is_written_in_small_ones(demo_db, tmp_path):
    older = tmp_path / "older.duckdb"
    with duckdb.connect(str(older)) as con:  # DuckDB's default, as files made before were
        con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
        con.execute("COPY FROM DATABASE demo TO older")
    assert _block_size(older) == 262_144
    copied = dbfiles.copy_file(older, tmp_path / "copied.duckdb")
    assert _block_size(copied) == dbfiles.BLOCK_SIZE
    assert copied.stat().st_size * 4 < older.stat().st_size
    with duckdb.connect(str(copied), read_only=True) as con, \
            duckdb.connect(str(older), read_only=True) as old:
        for (table,) in old.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            assert (con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()
                    == old.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()), table
