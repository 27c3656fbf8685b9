"""The Data protection page's subject access requests: admin only, an export to download, the
overdue list."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import duckdb

from tests.conftest import signed_in_app


def test_admin_makes_an_export_and_sees_overdue_requests(app_env):
    with duckdb.connect(str(app_env)) as c:
        email = c.execute("SELECT email FROM people ORDER BY id LIMIT 1").fetchone()[0]
    at = signed_in_app("admin").run()
    at.switch_page("views/erasure.py").run()
    assert not at.exception
    at.text_input(key="sar_email").input("late@example.org")
    at.date_input(key="sar_received").set_value(date.today() - timedelta(days=40))
    next(b for b in at.button if b.label == "Log the request only").click().run()
    assert any("Logged request 1" in s.value for s in at.success)
    at.run()
    assert any("1 request(s) overdue" in e.value for e in at.error)

    at.text_input(key="sar_email").input(email)
    at.date_input(key="sar_received").set_value(date.today())
    next(b for b in at.button if b.label == "Make the export").click().run()
    assert not at.exception
    assert any("Exported" in s.value and "request 2" in s.value for s in at.success)
    download = at.get("download_button")
    assert download, "the export is offered for download"
    table = next(d.value for d in at.dataframe if "overdue" in d.value.columns)
    assert list(table["email"]) == ["late@example.org", email]
    assert list(table["overdue"]) == ["OVERDUE", ""] and list(table["sent by"])[1] == "admin"


def test_the_export_downloaded_is_the_persons_zip(app_env):
    from ui import protection

    with duckdb.connect(str(app_env)) as c:
        email = c.execute("SELECT email FROM people ORDER BY id LIMIT 1").fetchone()[0]
    result = protection.sar_export(email, date.today(), "admin")
    z = zipfile.ZipFile(io.BytesIO(result.data))
    assert "cover.html" in z.namelist() and email in z.read("tables/people.csv").decode("utf-8-sig")
