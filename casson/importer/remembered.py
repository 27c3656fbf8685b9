"""Remembered mappings (table import_mappings): what a user chose for a file's headers, kept per
kind and header set, applied to the next file with the same headers, audited when saved or
removed."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from casson.importer.mapping import signature
from casson.platform import audit, queries


def find(con: duckdb.DuckDBPyConnection, kind: str, headers: list[str]) -> dict[str, Any] | None:
    """The saved mapping for this kind and header set: {id, mapping: {header: column|None}, …}."""
    row = queries.one(con, "importer/mapping_find", mapping_kind=kind,
                      mapping_signature=signature(headers))
    return _decoded(row)


def _decoded(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {**row, "mapping": json.loads(row["mapping"]), "headers": json.loads(row["headers"])}


def save(con: duckdb.DuckDBPyConnection, kind: str, headers: list[str],
         mapping: dict[str, str | None], actor: str) -> int:
    """Remember (or replace) the mapping of a header set; one audit row. Returns its id."""
    saved = queries.rows(con, "importer/mapping_save", mapping_kind=kind,
                         mapping_signature=signature(headers),
                         mapping_headers=json.dumps(list(headers)),
                         mapping_json=json.dumps(mapping, sort_keys=True), actor=actor)
    mapping_id = int(saved[0]["id"])
    audit.record(con, actor, "import_mapping.save", "import_mappings", mapping_id,
                 {"kind": kind, "mapping": mapping})
    return mapping_id


def listed(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every remembered mapping, newest first, decoded."""
    return [r for r in (_decoded(row) for row in queries.rows(con, "importer/mapping_list")) if r]


def remove(con: duckdb.DuckDBPyConnection, mapping_id: int, actor: str) -> bool:
    """Forget one remembered mapping (audited); False when there was none with that id."""
    row = _decoded(queries.one(con, "importer/mapping_get", mapping_id=mapping_id))
    if row is None:
        return False
    queries.execute(con, "importer/mapping_delete", mapping_id=mapping_id)
    audit.record(con, actor, "import_mapping.remove", "import_mappings", mapping_id,
                 {"kind": row["kind"], "mapping": row["mapping"]})
    return True
