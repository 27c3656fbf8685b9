"""The shapes an import kind is declared with (Column, Unique, Kind) and the signatures of its
steps (Compare, Write): apart from kinds.py, so that the modules a kind's steps live in can
name Kind without importing the declarations that import them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import duckdb
import pandas as pd

from casson.importer.results import Prepared
from casson.platform import parsers as p

TEXT = None  # a plain text column: stripped, stored as given (inert)


@dataclass(frozen=True)
class Column:
    name: str
    parse: p.Parser | None = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()       # whole headers meaning this column (normalised)
    words: tuple[str, ...] = ()         # phrases that, inside a Forms question, mean it
    dtype: str = "text"                 # text | email | int | money | bool | date | datetime
    example: str = ""
    extra: bool = False                 # accepted (exports carry it) but not in DESIGN's table
    sniff: bool = False                 # its values alone say what it is (emails, regions)
    empty_words: tuple[str, ...] = ()   # answers meaning "no value", lower case
    title: str = ""                     # what people call it, when not its name in words
    multi_line: bool = False            # free text keeping line breaks (notes); else one line

    @property
    def label(self) -> str:
        """The column as the page shows it ("Full name", "Willing to mentor")."""
        return self.title or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Unique:
    """The key of a row inside one file: a later row repeating it is an error on `blame`."""

    columns: tuple[str, ...]
    blame: str
    message: str                        # with {row}: the earlier row
    casefold: bool = True


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    needs_cohort: bool
    describe: str
    compare: Compare
    write: Write
    unique: Unique | None = None
    uses_cohort: bool = False           # a cohort is optional and narrows the matching
    role: str | None = None             # mentors / mentees: the participants' role
    export_query: str | None = None

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def canonical(self) -> list[str]:
        """The columns of DESIGN.md's table: the template's headers."""
        return [c.name for c in self.columns if not c.extra]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


class Comparison(NamedTuple):
    plan: pd.DataFrame       # the rows compared, indexed by file row, with _status
    errors: pd.DataFrame     # row, column, value, reason
    notes: list[str]


Compare = Callable[[duckdb.DuckDBPyConnection, Kind, Prepared, pd.DataFrame,
                    dict[str, pd.Series]],
                   Comparison]


Write = Callable[[duckdb.DuckDBPyConnection, Kind, Prepared, pd.DataFrame, str, int], None]
