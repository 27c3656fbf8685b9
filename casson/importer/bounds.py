"""What one upload may hold: the limits (settings), and the error a file that cannot be read
raises (used by reading, workbooks and reports alike)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass

from casson.platform.config import ROOT
from casson.platform.errors import Refused


def _upload_limit_mb() -> int:
    # One limit for the page (Streamlit refuses bigger uploads) and the engine (CLI too).
    try:
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
        return int(config["server"]["maxUploadSize"])
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError):
        return 50


MAX_UPLOAD_MB = _upload_limit_mb()
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_CELL_CHARS = 10_000
CHUNK_ROWS = 20_000


class ReadError(Refused):
    """The file cannot be read as a table at all (empty, too big, binary, broken quoting…)."""


@dataclass(frozen=True)
class Limits:
    """What one upload may hold, checked before the cells are parsed (from the zip directory
    and the sheet's declared size) and again while they are read. Settings: env
    CASSON_IMPORT_MAX_ROWS, CASSON_IMPORT_MAX_SHEET_MB, CASSON_IMPORT_MAX_CELLS."""

    rows: int = 200_000  # rows after the header
    sheet_mb: int = 200  # a workbook's XML once unzipped, all parts together
    cells: int = 4_000_000  # rows x columns (and a workbook's distinct strings)

    @classmethod
    def current(cls) -> Limits:
        def setting(name: str, default: int) -> int:
            try:
                return max(1, int(os.environ.get(name, default)))
            except ValueError:
                return default

        return cls(
            rows=setting("CASSON_IMPORT_MAX_ROWS", cls.rows),
            sheet_mb=setting("CASSON_IMPORT_MAX_SHEET_MB", cls.sheet_mb),
            cells=setting("CASSON_IMPORT_MAX_CELLS", cls.cells),
        )

    def too_many_rows(self, rows: int | None = None) -> ReadError:
        """`rows` as the file declares them, else None: the reading passed the limit."""
        has = f"{rows:,}" if rows is not None else f"more than {self.rows:,}"
        return ReadError(
            f"The file has {has} rows; the "
            f"limit is {self.rows:,} rows (setting CASSON_IMPORT_MAX_ROWS). Split it "
            "into smaller files."
        )

    def too_many_cells(self, cells: int) -> ReadError:
        return ReadError(
            f"The file has {cells:,} cells or more; the limit is {self.cells:,} cells "
            "(setting CASSON_IMPORT_MAX_CELLS). Remove unused columns or split it."
        )
