"""Exports: formula and HTML strings stay inert in CSV and XLSX."""

import io

import openpyxl
import pandas as pd

from casson.platform import exports

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+SUM(1,2)", "-2+3", "@cmd",
           "<script>alert(1)</script>", "plain"]


def test_csv_bytes_prefix_formulas_and_keep_other_text():
    text = exports.csv_bytes(pd.DataFrame({"name": HOSTILE, "n": range(6)})).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2].startswith("\"'+SUM")
    assert "'-2+3" in text and "'@cmd" in text and "<script>alert(1)</script>" in text
    assert lines[6] == "plain,5"


def test_numbers_are_not_neutralised():
    text = exports.csv_bytes(pd.DataFrame({"amount": [-5, 10]})).decode("utf-8-sig")
    assert text.splitlines()[1] == "-5"


def test_xlsx_cells_are_text_never_formulas():
    data = exports.xlsx_bytes(pd.DataFrame({"name": HOSTILE}))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [sheet.cell(row=r, column=1).value for r in range(2, 8)]
    assert values[0] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 8))


def test_exportable_names_follow_the_query_files():
    assert {"participants", "pairs", "bids", "courses", "coaches",
            "case_studies"} <= set(exports.exportable())
