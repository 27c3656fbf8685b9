"""The layering of the whole tree: who may import what, where SQL may live, and no import circles.

pages/ (or views/) and app.py import no duckdb; casson/ imports no streamlit; page scripts and ui/
hold no SQL and run no named query. No module over 450 lines, no function over 80.

Every import counts, also those inside functions (they hide a circle, they do not remove it) and
those under `if TYPE_CHECKING:` (a circle the type checker reads is still a tangle to a reader).
The bench and tests/support.py (which the bench imports) are read too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_DIRS = ("pages", "views")  # the page scripts (views/ once they move out of pages/)
PACKAGES = ("casson", "ui", *PAGE_DIRS, "bench")
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
# An SQL statement in a string: the shape of one, not a keyword in a sentence.
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
                 r"CREATE\s+(TABLE|VIEW|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|ATTACH\s|COPY\s+FROM)\b",
                 re.IGNORECASE | re.DOTALL)


def _sources() -> dict[str, Path]:
    """Module name -> file, for app.py, tests/support.py and every module of casson/, ui/,
    views/ and bench/."""
    found = {"app": ROOT / "app.py", "tests.support": ROOT / "tests" / "support.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):  # a folder that is absent adds none
            if path.is_relative_to(ROOT / "bench" / "data"):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _sources()


def _imports(name: str, path: Path) -> set[str]:
    """Every module this file imports, anywhere in it (inside functions and TYPE_CHECKING too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # `from casson import db` imports casson.platform.db, not casson
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                out.add(sub if sub in MODULES else base)
    return out


def _graph() -> dict[str, set[str]]:
    graph = {name: {m for m in _imports(name, path) if m in MODULES and m != name}
             for name, path in MODULES.items()}
    # casson.cli finds its commands by listing the package: it imports every one of them.
    graph["casson.cli"] |= {m for m in MODULES if m.startswith("casson.commands.")}
    return graph


def _top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_pages_and_app_import_no_duckdb():
    offenders = {name for name, path in MODULES.items()
                 if (name == "app" or name.split(".")[0] in PAGE_DIRS)
                 and "duckdb" in _top_level(_imports(name, path))}
    assert not offenders, f"pages and app.py go through ui/ and casson/, not duckdb: {offenders}"


def test_the_domain_package_imports_no_streamlit():
    offenders = {name for name, path in MODULES.items()
                 if name.startswith("casson") and "streamlit" in _top_level(_imports(name, path))}
    assert not offenders, f"casson/ is the domain (no Streamlit); move the glue to ui/: {offenders}"


def _sql_strings(path: Path) -> list[tuple[int, str]]:
    return [(node.lineno, node.value)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SQL.search(node.value)]


def test_pages_and_ui_hold_no_sql():
    offenders = {str(path.relative_to(ROOT)): found for name, path in MODULES.items()
                 if name.split(".")[0] in ("ui", *PAGE_DIRS) and (found := _sql_strings(path))}
    assert not offenders, ("SQL belongs in queries/ (run through casson.platform.queries): "
                           f"{offenders}")


def test_no_import_circles():
    graph = _graph()
    circles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:  # Tarjan: each strongly connected component is a circle
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    assert not circles, f"modules that import each other (also inside functions): {circles}"


def test_the_checks_see_the_whole_tree():
    # A layering test over a stub proves nothing: it must read every module and every import.
    assert {"app", "casson.platform.db", "casson.protection.backups", "casson.cli",
            "ui.data"} <= set(MODULES)
    assert {f"{d}.pairs" for d in PAGE_DIRS} & set(MODULES), "the page scripts are read"
    assert len(MODULES) > 60
    assert {"bench.load", "bench.load_upload", "bench.suites.pages",
            "tests.support"} <= set(MODULES)
    graph = _graph()
    assert {"casson.platform.safety_copies",
            "casson.platform.dbfiles"} <= graph["casson.platform.db"]
    assert ("casson.commands" in graph["casson.cli"]
            and "casson.commands.backup" in graph["casson.cli"])
    dbfiles = ROOT / "casson" / "platform" / "dbfiles.py"
    assert _sql_strings(dbfiles), "the SQL pattern finds real statements"


def test_the_bench_shares_helpers_through_tests_support_not_the_conftest():
    # conftest.py is pytest's: importing it from the bench drags in fixtures and their imports.
    offenders = {str(path.relative_to(ROOT)) for path in sorted((ROOT / "bench").rglob("*.py"))
                 if "tests.conftest" in _imports("bench", path)}
    assert not offenders, f"bench/ imports tests.support, never tests.conftest: {offenders}"


def test_named_queries_run_only_through_casson_queries():
    # queries.sql() is the raw text: running it directly skips the parameter checks of
    # queries.df/rows/one/execute (reviews.py once did, for the review update).
    raw = [f"{name}:{n}" for name, path in MODULES.items() if name != "casson.platform.queries"
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"\bqueries\.sql\(", line)]
    assert not raw, raw


def _query_runs(path: Path) -> list[str]:
    """Where a module imports casson.platform.queries, calls `queries.…`, or runs a named query
    through ui.data (`data.read`, `query_df`): the page's route to data skipping casson."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom) and "casson.platform.queries" in {
                f"{getattr(node, 'module', None) or ''}.{a.name}".lstrip(".")
                for a in node.names} | {getattr(node, "module", None)}:
            found.append(f"{node.lineno}: imports casson.platform.queries")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and (
                    func.value.id == "queries"
                    or (func.value.id == "data" and func.attr in ("read", "query_df"))):
                found.append(f"{node.lineno}: {func.value.id}.{func.attr}()")
            elif isinstance(func, ast.Name) and func.id == "query_df":
                found.append(f"{node.lineno}: query_df()")
    return found


def test_views_and_ui_reach_data_only_through_casson_functions():
    offenders = {str(path.relative_to(ROOT)): found for name, path in MODULES.items()
                 if name.split(".")[0] in ("ui", *PAGE_DIRS) and (found := _query_runs(path))}
    assert not offenders, f"a page calls its ui module, which calls casson: {offenders}"


def test_the_query_check_finds_a_named_query_run_from_a_page(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("from casson.platform import queries\nfrom ui import data\n"
                    "df = data.read('mentoring/pairs_list')\nrow = queries.one(cur, 'x')\n",
                    encoding="utf-8")
    assert _query_runs(page) == ["1: imports casson.platform.queries", "3: data.read()",
                                 "4: queries.one()"]


def _long_functions(path: Path) -> list[str]:
    return [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


def test_no_module_over_450_lines():
    long = {str(path.relative_to(ROOT)): n for path in MODULES.values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these by job: {long}"


def test_no_function_over_80_lines():
    long = {str(path.relative_to(ROOT)): found for path in MODULES.values()
            if (found := _long_functions(path))}
    assert not long, f"split these into named steps: {long}"
