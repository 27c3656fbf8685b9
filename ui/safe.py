"""Stored or imported text shown exactly as typed, wherever Streamlit would read it as Markdown.

st.markdown, st.caption, st.success/info/warning/error, tab, expander and widget labels all
interpret Markdown (an image fetches its URL when shown), Streamlit's own `:material/icon:`,
`:red[colour]` and `:smile:` directives, and LaTeX between `$`. Wrap every stored or imported
value in `text(...)` there; the fixed wording around it stays Markdown.

    st.markdown(f"**{safe.text(bid['reference'])}** · {safe.text(bid['applicant_name'])}")

Tables (st.dataframe) and select-box options show text as text already.
"""

from __future__ import annotations

import re

# The marks that make Markdown (and Streamlit's extensions) out of text, escaped wherever they
# appear; other punctuation (- . , ( ) ! ' ") is left alone, so "pilot-2021: done." stays as is.
_INLINE = re.compile(r"[\\`*_\[\]<$~|]"
                     r"|&(?=#?\w+;)")              # &amp; &#60; (character references)
# Streamlit's :material/home:, :smile: and :red[…]: both colons (and the slash: Streamlit finds
# icons before Markdown unescapes) of the one, the other's first.
_SHORTCODE = re.compile(r":([\w/+-]+):")
_DIRECTIVE = re.compile(r"(?<!\\):(?=\w)")
# Marks that only count at the start of a line: headings, quotes, lists, rules, setext lines.
_LINE_START = re.compile(r"(?m)^([ \t]*)([#>+=-]|\d+(?=[.)]))")
# Autolinks need no punctuation but `://` or `www.`: a word joiner (invisible) breaks them.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)")
_WORD_JOINER = "\u2060"
_SAFE_URL = re.compile(r"(?i)^https?://[^\s<>()\[\]\"'`\\]+$")


def text(value: object) -> str:
    """`value` (any stored or imported text; None is empty) as inert Markdown."""
    if value is None:
        return ""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(), _AUTOLINK.sub(_WORD_JOINER, str(value)))
    escaped = _SHORTCODE.sub(lambda m: "\\:" + m.group(1).replace("/", "\\/") + "\\:", escaped)
    escaped = _DIRECTIVE.sub(r"\\:", escaped)
    return _LINE_START.sub(lambda m: m.group(1) + _line_mark(m.group(2)), escaped)


def _line_mark(mark: str) -> str:
    # "1." is escaped on its dot ("1\."), a single mark with a backslash before it
    return mark + "\\" if mark.isdigit() else "\\" + mark


def link(label: object, url: object) -> str:
    """A Markdown link to a stored http(s) address; anything else is shown as text, unlinked."""
    address = "" if url is None else str(url).strip()
    if not _SAFE_URL.match(address):
        return f"{text(label)} ({text(address)})" if address else text(label)
    return f"[{text(label)}]({address})"

