"""README.md names only paths that exist: a newcomer follows them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A path written in backticks or in the Layout drawing: casson/…, ui/…, views/…, queries/…, tests/…
PATH = re.compile(r"(?<![\w./-])((?:casson|ui|views|queries|tests|bench|data/demo)/"
                  r"(?:[\w./*{},-]*[\w*}/])?)")
# What `make bench` writes when it runs (git-ignored), so not there in a clean clone.
MADE_BY_RUNNING = ("bench/data/", "bench/results.json", "bench/load-results.json",
                   "bench/load-upload-results.json")


def _expand(path: str) -> list[str]:
    """`casson/{a,b}.py` -> both; a trailing slash is a folder."""
    braces = re.search(r"\{([^}]*)\}", path)
    if not braces:
        return [path]
    return [p for part in braces.group(1).split(",")
            for p in _expand(path[:braces.start()] + part.strip() + path[braces.end():])]


def _named_paths() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {p for found in PATH.findall(text) for p in _expand(found)}


def test_every_path_the_readme_names_exists():
    missing = sorted(p for p in _named_paths() - set(MADE_BY_RUNNING)
                     if not (list(ROOT.glob(p.rstrip("/"))) if "*" in p else (ROOT / p).exists()))
    assert not missing, f"README.md names paths that do not exist: {missing}"


def test_the_readme_check_reads_the_layout():
    named = _named_paths()
    assert {"casson/platform/", "casson/mentoring/", "ui/", "queries/"} <= named
    assert "casson/platform/migrations/" in named or "casson/platform/migrations" in named
