"""The outbox's .eml files as a reader sees them: their text for searching, and erasure's scrub
of every message naming a person. Writing them is casson.mail.sending's."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path


def eml_text(path: Path) -> str:
    """An .eml's headers and text as a reader sees them (encoded words and transfer encodings
    undone), lower case."""
    msg = message_from_bytes(path.read_bytes(), policy=default)
    parts = [f"{k}: {v}" for k, v in msg.items()]
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                parts.append(str(part.get_content()))
            except (LookupError, ValueError):
                parts.append(str(part.get_payload(decode=False) or ""))
    return "\n".join(parts).lower()


def scrub_outbox(folder: Path, needles: list[str]) -> int:
    """Erasure: delete every outbox message naming the person (their email or name, in a header
    or the text). Returns how many files went."""
    if not folder.is_dir():
        return 0
    wanted = [n.lower() for n in needles if n and len(n) >= 5]
    removed = 0
    for path in sorted(folder.glob("*.eml")):
        text = eml_text(path)
        if any(n in text for n in wanted):
            path.unlink()
            removed += 1
    return removed
