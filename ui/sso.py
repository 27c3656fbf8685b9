"""Single sign-on with the trust's Microsoft (Entra ID) or Google accounts: Streamlit's st.login.

Configured in .streamlit/secrets.toml as Streamlit documents ([auth] redirect_uri and
cookie_secret, one [auth.<provider>] per provider). Without it the sign-in page offers
passwords only. The identity provider proves who someone is; the accounts file decides
whether they may come in and with which role:

- the identity must come from the trust's own tenant (Entra `tid`) or domain (Google `hd`)
  and carry an email the provider verified (`email_verified`; Entra ID sends none, and its
  tenant check stands in); `preferred_username` is never used (casson.platform.signin);
- the identity's email must be the email of an account (case-insensitive); an unknown email
  is refused with a clear message and no account is created;
- a sign-in becomes our own server-side session (casson.platform.signin), with the same idle and
  absolute timeouts, sign-out everywhere and login audit as a password sign-in;
- Streamlit's identity cookie lasts 30 days and cannot be revoked, so it is used once: an
  identity (issuer, subject, nonce) starts at most one session, and only within
  FRESH_S of being issued. A copied or left-over identity cookie signs nobody in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from casson.platform import signin

FRESH_S = 300  # an identity token older than this is not a new sign-in
LABELS = {"microsoft": "Sign in with Microsoft", "google": "Sign in with Google"}


def providers() -> dict[str, str]:
    """The providers configured in secrets.toml: name -> button label ({} when none)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all: passwords only
        return {}
    if not isinstance(section, Mapping):
        return {}
    return {name: LABELS.get(name, f"Sign in with {name.capitalize()}")
            for name, value in section.items() if isinstance(value, Mapping)}


def buttons() -> None:
    """A button per configured provider, on the sign-in page."""
    for name, label in providers().items():
        if st.button(label, key=f"sso-{name}", type="secondary"):
            st.login(name)


def _identity() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - no request context
        return {}


def new_identity(claim: Callable[[str], bool]) -> dict[str, Any] | None:
    """The identity the provider has just sent back, or None: nobody, an old identity, or
    one already used (`claim` records an identity and says whether it was new)."""
    who = _identity()
    if not who.get("is_logged_in"):
        return None
    issued = float(who.get("iat") or 0)
    key = "|".join(str(who.get(k, "")) for k in ("iss", "sub", "nonce", "iat"))
    if time.time() - issued > FRESH_S or not claim(key):
        return None
    return who


def rules(provider: str) -> signin.SsoRules:
    """What the provider's section in secrets.toml allows: `allowed_tenant` (Microsoft's
    directory id) and `allowed_domain` (Google Workspace, or any provider's email domain).
    Streamlit hands Authlib only the keys it knows, so these extra keys stay ours."""
    try:
        section = st.secrets.get("auth", {}).get(provider, {})
    except Exception:  # noqa: BLE001 - no secrets file
        section = {}
    def value(key: str) -> str | None:
        found = section.get(key) if isinstance(section, Mapping) else None
        return str(found).strip() or None if found else None
    return signin.SsoRules(provider=provider, tenant=value("allowed_tenant"),
                           domain=value("allowed_domain"))


def sign_out() -> None:
    """Clear Streamlit's identity cookie too (and end the provider session if it offers)."""
    if _identity().get("is_logged_in"):
        st.logout()
