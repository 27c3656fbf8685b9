"""A corpus of malformed files (tests/import_corpus, see MANIFEST.csv): each is refused with
its own specific message, and the database is unchanged but for one 'rejected' log row."""

import csv
from pathlib import Path

import pytest

from casson import importer
from tests.import_support import last_import_id, table_hashes

CORPUS = Path(__file__).resolve().parent / "import_corpus"
with (CORPUS / "MANIFEST.csv").open(encoding="utf-8", newline="") as fh:
    CASES = list(csv.DictReader(fh))


def test_the_corpus_has_at_least_30_files_and_each_is_in_the_manifest():
    files = {p.name for p in CORPUS.iterdir()
             if p.name not in ("MANIFEST.csv", "build.py", "__pycache__")}
    assert len(files) >= 30
    assert files == {c["file"] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_malformed_file_is_refused_with_its_message_and_nothing_is_written(con, case):
    before_id = last_import_id(con)
    before = table_hashes(con)
    result = importer.run(con, case["kind"], CORPUS / case["file"], actor="corpus",
                          cohort=case["cohort"] or None)
    assert result.status == "rejected"
    assert not result.written
    matching = [e for e in result.errors if case["message"] in e.reason]
    assert matching, f"expected {case['message']!r}; got {[e.line() for e in result.errors]}"
    error = matching[0]
    assert error.column == case["column"]
    assert error.row == (int(case["row"]) if case["row"] else None)
    # Nothing written: every table as before (the log compared up to its old last row) …
    assert table_hashes(con, imports_up_to=before_id) == before
    # … and the refusal itself logged once.
    log = con.execute("SELECT status, kind, file_name, rows_error FROM imports WHERE id > ?",
                      [before_id]).fetchall()
    assert [(s, k, f) for s, k, f, _ in log] == [("rejected", case["kind"], case["file"])]
