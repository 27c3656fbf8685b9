"""The app's cached readers keep each database file's results apart."""


from casson.platform import db
from ui import data


def test_cached_query_results_are_kept_per_database_file(app_env, tmp_path, monkeypatch):
    assert len(data.read("mentoring/cohorts")) == 2  # the demo database
    other = tmp_path / "other.duckdb"
    db.connect(other).close()  # an empty database: no cohorts
    monkeypatch.setenv("CASSON_DB", str(other))
    assert data.read("mentoring/cohorts").empty
    data.release_connection()
