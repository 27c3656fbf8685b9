"""The house's floors, as README's Layout draws them: every import runs down a floor (or stays in
its own room), never up, and rooms on one floor do not import each other. Pages reach data one
way: a view calls its ui module, the ui module calls casson.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Top floor first. A room is a top-level script folder or a subpackage of casson.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("app", "views"),
    ("ui",),
    ("casson.__main__",),
    ("casson.cli",),
    ("casson.commands",),
    ("casson.demo", "casson.participants"),
    ("casson.importer", "casson.outcomes", "casson.protection"),
    ("casson.mail",),
    ("casson.mentoring", "casson.grants"),
    ("casson.platform",),
)
FLOOR_OF = {room: n for n, rooms in enumerate(FLOORS) for room in rooms}


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "casson":
        return ".".join(parts[:2]) if len(parts) > 1 else None  # casson itself: the package
    return parts[0] if parts[0] in FLOOR_OF else None


def _modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for top in ("casson", "ui", "views"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it, `if TYPE_CHECKING:` blocks included."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            base = node.module
            out.update(f"{base}.{alias.name}" if base == "casson" else base for alias in node.names)
    return out


def _arrows() -> list[tuple[str, str, str]]:
    """(module, its room, the room it imports) for every import between two rooms."""
    found = []
    for name, path in _modules().items():
        here = _room(name)
        for imported in _imports(path):
            there = _room(imported)
            if here and there and here != there:
                found.append((name, here, there))
    return found


def test_every_room_is_on_a_floor():
    rooms = {_room(name) for name in _modules()} - {None}
    unplaced = rooms - set(FLOOR_OF)
    assert not unplaced, f"put these in README's Layout and FLOORS: {unplaced}"
    assert {"casson.platform", "casson.mentoring", "casson.grants", "casson.outcomes",
            "casson.mail", "casson.protection", "casson.importer", "casson.commands"} <= rooms


def test_no_import_runs_up_a_floor_or_across_one():
    wrong = [(name, here, there) for name, here, there in _arrows()
             if FLOOR_OF[there] <= FLOOR_OF[here]]
    assert not wrong, f"imports that run up a floor or across one: {wrong}"


def test_views_reach_casson_only_through_their_ui_module():
    # A view may name casson's constants (roles, vocabularies) but runs nothing of it: reads and
    # writes go through ui (data.fetch, forms.save), which calls casson.
    calls = []
    for name, path in _modules().items():
        if not name.startswith("views."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("cursor", "fetch") and \
                    isinstance(node.value, ast.Name) and node.value.id == "data":
                calls.append((name, node.lineno, f"data.{node.attr}"))
    assert not calls, f"views that read data themselves (move it to their ui module): {calls}"


def test_the_floor_check_sees_real_arrows():
    arrows = {(here, there) for _, here, there in _arrows()}
    assert ("ui", "casson.platform") in arrows and ("casson.outcomes", "casson.mentoring") in arrows
