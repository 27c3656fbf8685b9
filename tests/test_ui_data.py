"""The app's cached readers keep each database file's results apart, and read only through
casson's functions."""

import pytest

from casson.mentoring import cohorts
from casson.platform import db
from ui import data


def test_cached_results_are_kept_per_database_file(app_env, tmp_path, monkeypatch):
    assert len(data.fetch(cohorts.frame)) == 2  # the demo database
    other = tmp_path / "other.duckdb"
    db.connect(other).close()  # an empty database: no cohorts
    monkeypatch.setenv("CASSON_DB", str(other))
    assert data.fetch(cohorts.frame).empty
    data.release_connection()


def test_a_reader_that_is_not_a_casson_function_is_refused(app_env):
    with pytest.raises(TypeError, match="casson module's function"):
        data.fetch(lambda cur: cur.execute("SELECT 1").fetchall())
