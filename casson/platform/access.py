"""Which role may open which page: the one table both navigation and page guards read."""

from __future__ import annotations

from dataclasses import dataclass

ALL = frozenset({"admin", "staff", "trustee"})
STAFF = frozenset({"admin", "staff"})
ADMIN = frozenset({"admin"})
REVIEWER = frozenset({"reviewer"})  # the grants panel: My reviews only
SIGNED_IN = frozenset({"admin", "staff", "trustee", "reviewer"})  # every role of an account

# The folder of page scripts: the one place that decides it. Never "pages": Streamlit runs a
# pages/ folder beside app.py as old-style navigation (every script listed and runnable by URL,
# outside app.py) on a fresh server until st.navigation has been called once.
PAGE_DIR = "views"


@dataclass(frozen=True)
class PageSpec:
    key: str          # file stem in PAGE_DIR, and the URL path
    title: str
    icon: str
    roles: frozenset[str]
    section: str = "Programme"

    @property
    def path(self) -> str:
        return f"{PAGE_DIR}/{self.key}.py"


# Order is the order of the sidebar; the first page a role may open is its home.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Overview", ":material/dashboard:", ALL),
    PageSpec("outcomes", "Outcomes", ":material/monitoring:", ALL, "Programme"),
    PageSpec("people", "People", ":material/groups:", STAFF, "Mentoring"),
    PageSpec("pairs", "Pairs", ":material/handshake:", STAFF, "Mentoring"),
    PageSpec("cohorts", "Cohorts", ":material/event_note:", STAFF, "Mentoring"),
    PageSpec("register", "Register of interest", ":material/how_to_reg:", STAFF, "Mentoring"),
    PageSpec("messages", "Email", ":material/mail:", STAFF, "Mentoring"),
    PageSpec("bids", "Grant bids", ":material/request_quote:", ALL, "Leadership"),
    PageSpec("directory", "Directory", ":material/menu_book:", ALL, "Leadership"),
    PageSpec("case_studies", "Case studies", ":material/auto_stories:", ALL, "Leadership"),
    PageSpec("reviews", "My reviews", ":material/rate_review:", REVIEWER, "Grants panel"),
    PageSpec("upload", "Upload", ":material/upload_file:", STAFF, "Data"),
    PageSpec("accounts", "Accounts and audit", ":material/admin_panel_settings:", ADMIN, "Admin"),
    PageSpec("erasure", "Data protection", ":material/shield_person:", ADMIN, "Admin"),
    PageSpec("my_account", "My account", ":material/account_circle:", SIGNED_IN, "Account"),
)


# Pages a signed-out visitor may open as themselves (a public form, say): none today. Every
# other URL shows the sign-in form, and a signed-out visitor is told no page's title or path.
ANONYMOUS: frozenset[str] = frozenset()


def public_pages() -> list[PageSpec]:
    """The pages a signed-out visitor may open, in sidebar order."""
    return [p for p in PAGES if p.key in ANONYMOUS]


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def pages_for(role: str | None) -> list[PageSpec]:
    """The pages a role may open, in sidebar order (none for no role)."""
    return [p for p in PAGES if role in p.roles]


def can_open(role: str | None, key: str) -> bool:
    return role in page(key).roles


def sees_personal_data(role: str | None) -> bool:
    """Names, emails and comments of participants and applicants: staff and admin only."""
    return role in STAFF
