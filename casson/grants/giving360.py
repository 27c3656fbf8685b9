"""The trust's awarded grants in the 360Giving Data Standard (JSON package or flat CSV).

Every grant is to an individual, so the standard's guidance for individuals applies: the recipient
is "Individual Recipient" with an identifier `<prefix>-IND-<n>` (n numbers the applicant inside
this database and refers to no record of them elsewhere), the title is generic, and the location
is the region at most. No applicant name, email, employer or project title is read, let alone
written. The funder's org-id and the 360Giving prefix are the settings funder_org_identifier and
org_360g_prefix; until both are set the export refuses, naming the one missing.

Every package is validated against giving360_schema.json beside this module: our own JSON Schema
of what the standard (version 1.4) requires of the fields we publish, stricter than the standard.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import jsonschema

from casson.grants import bids
from casson.platform import audit, db, queries, settings
from casson.platform.errors import Refused

STANDARD_VERSION = "1.4"
SCHEMA_FILE = Path(__file__).with_name("giving360_schema.json")
FUNDER_KEY = "funder_org_identifier"
PREFIX_KEY = "org_360g_prefix"
FUNDER_NAME = "Elizabeth Casson Trust"
RECIPIENT_NAME = "Individual Recipient"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = ("json", "csv")
FUNDER_ID = re.compile(r"^[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9._-]+$")
PREFIX = re.compile(r"^360G-[A-Za-z0-9_.]+(-[A-Za-z0-9_.]+)*$")
SETTING_LABELS = {
    "funder_org_identifier": "The trust's organisation identifier",
    "org_360g_prefix": "The trust's 360Giving publisher prefix",
}
SETTING_HELP = {
    FUNDER_KEY: "the trust's org-id, e.g. GB-CHC-1234567 for a charity of England and Wales",
    PREFIX_KEY: "the publisher prefix 360Giving issued to the trust, e.g. 360G-CassonTrust",
}
# Generic wording (the guidance: a title and description that cannot identify the recipient).
PROGRAMMES = {
    "leadership": (
        "Leadership fund",
        "A grant towards an occupational therapist's service-based leadership project.",
    ),
    "cpd": (
        "CPD fund",
        "A grant towards an occupational therapist's continuing professional development.",
    ),
}
TITLE = "Grant to Individual Recipient"
# ONS codes of the UK's nations and England's regions: the finest location published.
GEOCODES = {
    "Scotland": ("S92000003", "CTRY"),
    "Wales": ("W92000004", "CTRY"),
    "Northern Ireland": ("N92000002", "CTRY"),
    "North East": ("E12000001", "RGN"),
    "North West": ("E12000002", "RGN"),
    "Yorkshire and the Humber": ("E12000003", "RGN"),
    "East Midlands": ("E12000004", "RGN"),
    "West Midlands": ("E12000005", "RGN"),
    "East of England": ("E12000006", "RGN"),
    "London": ("E12000007", "RGN"),
    "South East": ("E12000008", "RGN"),
    "South West": ("E12000009", "RGN"),
}
# The flat CSV: the standard's column titles (field title, and sub-field title after a colon).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Identifier", "id"),
    ("Title", "title"),
    ("Description", "description"),
    ("Currency", "currency"),
    ("Amount Applied For", "amountAppliedFor"),
    ("Amount Awarded", "amountAwarded"),
    ("Award Date", "awardDate"),
    ("Recipient Ind:Identifier", "recipientIndividual/id"),
    ("Recipient Ind:Name", "recipientIndividual/name"),
    ("Funding Org:Identifier", "fundingOrganization/0/id"),
    ("Funding Org:Name", "fundingOrganization/0/name"),
    ("Beneficiary Location:Name", "beneficiaryLocation/0/name"),
    ("Beneficiary Location:Country Code", "beneficiaryLocation/0/countryCode"),
    ("Beneficiary Location:Geographic Code", "beneficiaryLocation/0/geoCode"),
    ("Beneficiary Location:Geographic Code Type", "beneficiaryLocation/0/geoCodeType"),
    ("Grant Programme:Code", "grantProgramme/0/code"),
    ("Grant Programme:Title", "grantProgramme/0/title"),
    ("From An Open Call?", "fromOpenCall"),
    ("Last Modified", "dateModified"),
)


class GivingError(Refused):
    """An export that cannot be made as asked; the message names what to fix."""


# -- the two settings --------------------------------------------------------------------------


def _checked(key: str, value: str) -> str:
    value = (value or "").strip()
    pattern = FUNDER_ID if key == FUNDER_KEY else PREFIX
    if not pattern.match(value):
        raise GivingError(f"{key} must be {SETTING_HELP[key]}, not {value!r}.")
    return value


def publisher(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(funder org-id, 360Giving prefix); refused, naming each missing setting, until set."""
    found = {k: (settings.get(con, k) or "").strip() for k in (FUNDER_KEY, PREFIX_KEY)}
    missing = [k for k, v in found.items() if not v]
    if missing:
        raise GivingError(
            "The 360Giving export needs the setting"
            + ("s " if len(missing) > 1 else " ")
            + " and ".join(f"{k} ({SETTING_HELP[k]})" for k in missing)
            + f": set {'them' if len(missing) > 1 else 'it'} on Grant bids → 360Giving, "
            "then export again."
        )
    return _checked(FUNDER_KEY, found[FUNDER_KEY]), _checked(PREFIX_KEY, found[PREFIX_KEY])


def set_setting(con: duckdb.DuckDBPyConnection, actor: str, key: str, value: str) -> str:
    """Set funder_org_identifier or org_360g_prefix (checked; audited as setting.update)."""
    if key not in SETTING_HELP:
        raise GivingError(f"{key!r} is not a 360Giving setting: {', '.join(SETTING_HELP)}.")
    value = _checked(key, value)

    def work(cur: duckdb.DuckDBPyConnection) -> str:
        before = settings.get(cur, key)
        if before != value:
            settings.put(cur, key, value)
            audit.record(
                cur, actor, "setting.update", "setting", key, {"before": before, "after": value}
            )
        return value

    return db.write(con, work)


def current_settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The two settings as stored ('' when unset)."""
    return {k: settings.get(con, k) or "" for k in SETTING_HELP}


def set_settings(con: duckdb.DuckDBPyConnection, actor: str, values: dict[str, str]) -> None:
    """Set both settings from the page (each checked and audited; a refusal changes neither)."""
    checked = {k: _checked(k, values.get(k, "")) for k in SETTING_HELP}
    for key, value in checked.items():
        set_setting(con, actor, key, value)


# -- the package -------------------------------------------------------------------------------


def award_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The years in which bids were decided, newest first (the export's year choices)."""
    decided = bids.frame(con, None)["decided_on"].dropna()
    return sorted({d.year for d in decided}, reverse=True)


def _stamp(value: Any) -> str:
    moment = value if isinstance(value, datetime) else datetime.now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0).isoformat()


def _amount(value: Any) -> int | float:
    """Pounds as a number: whole pounds without '.0' (the CSV reads 6750, not 6750.0)."""
    number = float(value)
    return int(number) if number.is_integer() else round(number, 2)


def _grant(row: dict[str, Any], funder: str, prefix: str) -> dict[str, Any]:
    programme, description = PROGRAMMES[row["fund"]]
    grant: dict[str, Any] = {
        "id": f"{prefix}-GRANT-{row['id']}",
        "title": TITLE,
        "description": description,
        "currency": "GBP",
        "amountAppliedFor": _amount(row["amount_requested"]),
        "amountAwarded": _amount(row["amount_awarded"]),
        "awardDate": row["decided_on"].isoformat(),
        "recipientIndividual": {"id": f"{prefix}-IND-{row['recipient_n']}", "name": RECIPIENT_NAME},
        "fundingOrganization": [{"id": funder, "name": FUNDER_NAME}],
        "grantProgramme": [{"code": row["fund"], "title": programme}],
        "fromOpenCall": "Yes",
        "dateModified": _stamp(row["updated_at"]),
    }
    if row["region"] in GEOCODES:
        code, kind = GEOCODES[row["region"]]
        grant["beneficiaryLocation"] = [
            {"name": row["region"], "countryCode": "GB", "geoCode": code, "geoCodeType": kind}
        ]
    return grant


def _awards(con: duckdb.DuckDBPyConnection, year: int | None) -> list[dict[str, Any]]:
    rows = queries.rows(con, "grants/giving360_awards", year=year)
    undated = [
        r["reference"] for r in rows if r["decided_on"] is None or r["amount_awarded"] is None
    ]
    if undated:
        raise GivingError(
            f"{', '.join(undated)}: an awarded bid needs its decision date and "
            "amount awarded before it can be published; record them on "
            "Change a bid."
        )
    if not rows:
        raise GivingError(
            "There is no awarded grant " + (f"in {year}" if year else "yet") + " to publish."
        )
    return rows


def ready(con: duckdb.DuckDBPyConnection, year: int | None = None) -> int:
    """How many grants an export would hold; refused (as the export would be) when it cannot
    be made. Cheap: the page asks before it offers the download."""
    publisher(con)
    return len(_awards(con, year))


def package(con: duckdb.DuckDBPyConnection, year: int | None = None) -> dict[str, Any]:
    """The awarded grants (of one award year, or all) as a validated 360Giving package."""
    funder, prefix = publisher(con)
    rows = _awards(con, year)
    pkg = {
        "version": STANDARD_VERSION,
        "title": f"{FUNDER_NAME} grants" + (f" awarded in {year}" if year else ""),
        "identifier": f"{prefix}-{year or 'all'}",
        "issued": date.today().isoformat(),
        "modified": _stamp(None),
        "publisher": {"identifier": funder, "name": FUNDER_NAME},
        "license": LICENSE,
        "grants": [_grant(r, funder, prefix) for r in rows],
    }
    validate(pkg)
    return pkg


@cache
def schema() -> dict[str, Any]:
    """Our JSON Schema of what we publish (see giving360_schema.json)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def problems(pkg: dict[str, Any]) -> list[str]:
    """Every way a package breaks our schema, as 'where: what' lines; and any grant id used
    twice (the standard's uniqueItems, checked here in one pass rather than pair by pair)."""
    found = [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(package)'}: {e.message}"
        for e in sorted(
            _validator().iter_errors(pkg), key=lambda e: [str(p) for p in e.absolute_path]
        )
    ]
    seen: set[str] = set()
    for n, grant in enumerate(pkg.get("grants") or []):
        gid = grant.get("id") if isinstance(grant, dict) else None
        if isinstance(gid, str) and gid in seen:
            found.append(f"grants/{n}/id: {gid} is the id of an earlier grant too")
        if isinstance(gid, str):
            seen.add(gid)
    return found


def validate(pkg: dict[str, Any]) -> None:
    """Refuse a package our schema does not accept (nothing is written)."""
    found = problems(pkg)
    if found:
        raise GivingError(
            "The 360Giving export is not valid, so nothing was written: " + "; ".join(found[:5])
        )


# -- files -------------------------------------------------------------------------------------


def to_json(pkg: dict[str, Any]) -> bytes:
    return (json.dumps(pkg, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _pick(grant: dict[str, Any], path: str) -> Any:
    value: Any = grant
    for part in path.split("/"):
        if isinstance(value, list):
            value = value[int(part)] if len(value) > int(part) else None
        elif isinstance(value, dict):
            value = value.get(part)
        if value is None:
            return ""
    return value


def to_csv(pkg: dict[str, Any]) -> bytes:
    """The flat 360Giving CSV: one grant a row under the standard's column titles."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([title for title, _ in COLUMNS])
    for grant in pkg["grants"]:
        writer.writerow([_pick(grant, path) for _, path in COLUMNS])
    return buf.getvalue().encode("utf-8")


def file_bytes(con: duckdb.DuckDBPyConnection, fmt: str, year: int | None = None) -> bytes:
    """The export as a file's bytes, 'json' or 'csv' (validated either way)."""
    if fmt not in FORMATS:
        raise GivingError(f"A 360Giving export is .json or .csv, not .{fmt}.")
    pkg = package(con, year)
    return to_json(pkg) if fmt == "json" else to_csv(pkg)


def record_export(
    con: duckdb.DuckDBPyConnection, actor: str, fmt: str, year: int | None, grants: int
) -> None:
    """An audit row for an export that left the dashboard."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        audit.record(
            cur,
            actor,
            "export.360giving",
            "bids",
            None,
            {"format": fmt, "year": year, "grants": grants},
        )

    db.write(con, work)
