"""Which role may open which page: the one table both navigation and page guards read."""

from __future__ import annotations

from dataclasses import dataclass

ALL = frozenset({"admin", "staff", "trustee"})
STAFF = frozenset({"admin", "staff"})
ADMIN = frozenset({"admin"})
REVIEWER = frozenset({"reviewer"})  # the grants panel: My reviews only
SIGNED_IN = frozenset({"admin", "staff", "trustee", "reviewer"})  # every role of an account
PUBLIC = frozenset({"public"})  # no account: a personal link's form, the public register

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
    url: str = ""     # the URL path when it is not the key (the public register: /register)

    @property
    def path(self) -> str:
        return f"{PAGE_DIR}/{self.key}.py"

    @property
    def url_path(self) -> str:
        return self.url or self.key


# Order is the order of the sidebar; the first page a role may open is its home.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Overview", ":material/dashboard:", ALL),
    PageSpec("outcomes", "Outcomes", ":material/monitoring:", ALL),
    PageSpec("people", "People", ":material/groups:", STAFF),
    PageSpec("pairs", "Pairs", ":material/handshake:", STAFF),
    PageSpec("cohorts", "Cohorts", ":material/event_note:", STAFF),
    PageSpec("register", "Register of interest", ":material/how_to_reg:", STAFF),
    PageSpec("messages", "Email", ":material/mail:", STAFF),
    PageSpec("bids", "Grant bids", ":material/request_quote:", ALL),
    PageSpec("directory", "Directory", ":material/menu_book:", ALL),
    PageSpec("case_studies", "Case studies", ":material/auto_stories:", ALL),
    PageSpec("reviews", "My reviews", ":material/rate_review:", REVIEWER),
    PageSpec("upload", "Upload", ":material/upload_file:", STAFF),
    PageSpec("accounts", "Accounts and audit", ":material/admin_panel_settings:", ADMIN),
    PageSpec("erasure", "Data protection", ":material/shield_person:", ADMIN),
    PageSpec("my_account", "My account", ":material/account_circle:", SIGNED_IN),
)

# The allow-list of pages a signed-out visitor may open: the only scripts that run without
# sign-in (every other URL shows the sign-in form). Never in PAGES, so in no role's sidebar.
ANONYMOUS_PAGES: tuple[PageSpec, ...] = (
    PageSpec("respond", "Your response", ":material/edit_note:", PUBLIC),
    # At /register, the staff Register of interest's URL: signed out, that URL is this form
    # (when the setting public_register is on; else the sign-in form, as for any page).
    PageSpec("register_public", "Register your interest", ":material/how_to_reg:", PUBLIC,
             url="register"),
)


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
