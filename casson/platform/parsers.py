"""Pure parsers for one cell each: forgiving about how people type, strict about meaning.

Each parser takes the cell's text (already stripped, never empty) and returns the stored
value, or raises ValueError with a plain-English reason. `apply` runs one over a column,
parsing each distinct value once, so a 100,000-row file costs as many calls as it has
distinct answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import pandas as pd

from casson.platform import vocab

Parser = Callable[[str], object]  # one stripped, non-empty cell -> stored value, or ValueError

# -- email -------------------------------------------------------------------------------
# RE2-compatible (no look-arounds) so that pandas/pyarrow can run the very same pattern
# over a whole column at once; see `email_mask`.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_PATTERN = rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,}}"
_EMAIL = re.compile(EMAIL_PATTERN)
EMAIL_MAX = 254


def parse_email(text: str) -> str:
    """An email address as given (case kept); people are matched on its lower-case form."""
    value = text.strip()
    if len(value) > EMAIL_MAX:
        raise ValueError(f"is longer than {EMAIL_MAX} characters, too long for an email address")
    if not _EMAIL.fullmatch(value):
        raise ValueError("is not a valid email address (expected name@example.org)")
    return value


def email_key(email: str) -> str:
    return email.strip().lower()


def email_mask(values: pd.Series) -> pd.Series:
    """Vectorised parse_email: True where the (stripped) value is a valid address."""
    stripped = values.str.strip()
    return stripped.str.fullmatch(EMAIL_PATTERN).fillna(False).astype(bool) & (
        stripped.str.len() <= EMAIL_MAX)


# -- dates -------------------------------------------------------------------------------
_MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")  # Google Forms writes 2022/06/01
_UK = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}")


def _date_part(text: str) -> date:
    for pattern, order in ((_ISO, "ymd"), (_UK, "dmy"), (_WORDS, "dMy")):
        m = pattern.fullmatch(text)
        if not m:
            continue
        if order == "ymd":
            y, mo, d = (int(g) for g in m.groups())
        elif order == "dmy":
            d, mo, y = (int(g) for g in m.groups())
        else:
            d, y = int(m.group(1)), int(m.group(3))
            month = m.group(2).lower()
            if month not in _MONTHS:
                raise ValueError(f"has an unknown month name {m.group(2)!r}")
            mo = _MONTHS[month]
        if not 1900 <= y <= 2100:
            raise ValueError("has a year outside 1900-2100")
        try:
            return date(y, mo, d)
        except ValueError:
            how = "year-month-day" if order == "ymd" else "day/month/year"
            raise ValueError(f"is not a real date (read as {how})") from None
    if _TWO_DIGIT_YEAR.fullmatch(text):
        raise ValueError("has a two-digit year: write it as 05/04/2022 or 2022-04-05")
    raise ValueError("is not a date (use 2022-04-05 or 05/04/2022, day first)")


def _split_time(text: str) -> tuple[str, str | None]:
    text = text.strip()
    for sep in ("T", " "):
        head, found, tail = text.partition(sep)
        if found and _TIME.fullmatch(tail.strip().removesuffix("Z")):
            return head.strip(), tail.strip().removesuffix("Z")
    return text, None


def _time_parts(time_text: str) -> tuple[int, int, int]:
    m = _TIME.fullmatch(time_text)
    if m is None:  # _split_time only hands back text that matched
        raise ValueError("has an unreadable time of day")
    h, mi, s = (int(g or 0) for g in m.groups())
    return h, mi, s


def parse_date(text: str) -> date:
    """ISO (2022-04-05) or UK day-first (05/04/2022 is 5 April); impossible dates refused.

    A midnight time (as spreadsheets add) is allowed; any other time is not a date."""
    day_text, time_text = _split_time(text)
    if time_text is not None and any(_time_parts(time_text)):
        raise ValueError("has a time of day; a date is expected here")
    return _date_part(day_text)


_ZONE = re.compile(r"\s+(?:GMT|UTC|BST)(?:[+-]\d{1,2}(?::?\d{2})?)?$", re.IGNORECASE)
_AM_PM = re.compile(r"\s*([AaPp])\.?[Mm]\.?$")


def parse_datetime(text: str) -> datetime:
    """A date as parse_date, optionally followed by a time (HH:MM or HH:MM:SS, with AM/PM and
    a zone as Google Forms writes them: "2022/06/01 9:00:00 AM GMT+1"; the wall-clock time is
    kept)."""
    text = _ZONE.sub("", text.strip())
    am_pm = _AM_PM.search(text)
    if am_pm:
        text = text[:am_pm.start()]
    day_text, time_text = _split_time(text)
    day = _date_part(day_text)
    if time_text is None:
        return datetime(day.year, day.month, day.day)
    h, mi, s = _time_parts(time_text)
    if am_pm:
        if not 1 <= h <= 12:
            raise ValueError("has an impossible time of day")
        h = h % 12 + (12 if am_pm.group(1).lower() == "p" else 0)
    if h > 23 or mi > 59 or s > 59:
        raise ValueError("has an impossible time of day")
    return datetime(day.year, day.month, day.day, h, mi, s)


# -- money -------------------------------------------------------------------------------
_MONEY = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?")
MONEY_MAX = Decimal("99999999.99")  # DECIMAL(10, 2)


def parse_money(text: str) -> Decimal:
    """Pounds: 9500, 9,500.00, £9,500.00 or 9500 GBP. Never negative; pence to 2 places."""
    value = text.strip().replace("\u00a3", "").replace(" ", "")
    if value.upper().endswith("GBP"):
        value = value[:-3]
    if value.upper().startswith("GBP"):
        value = value[3:]
    if value.startswith("-"):
        raise ValueError("is negative; amounts are pounds of zero or more")
    if value.endswith(".0") or value.endswith(".00"):
        value = value.rsplit(".", 1)[0]
    m = _MONEY.fullmatch(value)
    if not m:
        if re.fullmatch(r"[\d,]*\.\d{3,}", value):
            raise ValueError("has more than two decimal places (pence)")
        raise ValueError("is not an amount in pounds (use 9500, 9,500.00 or £9,500.00)")
    try:
        amount = Decimal(m.group(1).replace(",", "") + "." + (m.group(2) or "0"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueError("is not an amount in pounds") from None
    if amount > MONEY_MAX:
        raise ValueError("is too large for an amount in pounds")
    return amount.quantize(Decimal("0.01"))


# -- Likert, yes/no, whole numbers ----------------------------------------------------------
def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_LIKERT_WORDS = {_words(word): n for n, word in vocab.LIKERT.items()}
_LIKERT_WORDS.update({"neutral": 3, "neither": 3, "not sure": 3, "unsure": 3,
                      "neither agree or disagree": 3, "somewhat agree": 4,
                      "somewhat disagree": 2, "totally agree": 5, "totally disagree": 1})
_NUMBER = re.compile(r"(\d+)(?:\.0+)?")


def parse_likert(text: str) -> int:
    """1-5, or the scale's words (strongly disagree … strongly agree), any case."""
    value = text.strip()
    m = _NUMBER.fullmatch(value)
    if m:
        n = int(m.group(1))
        if 1 <= n <= 5:
            return n
        raise ValueError("is outside the 1-5 scale")
    words = _words(value)
    if words in _LIKERT_WORDS:
        return _LIKERT_WORDS[words]
    # "5 - strongly agree", "Agree (4)": accept when the number and the words agree.
    numbers = re.findall(r"\d+", words)
    rest = _words(re.sub(r"\d+", " ", words))
    if len(numbers) == 1 and rest in _LIKERT_WORDS and _LIKERT_WORDS[rest] == int(numbers[0]):
        return int(numbers[0])
    raise ValueError("is not a 1-5 answer or one of strongly disagree, disagree, neither agree "
                     "nor disagree, agree, strongly agree")


_YES = {"yes", "y", "true", "t", "1"}
_NO = {"no", "n", "false", "f", "0"}


def parse_yes_no(text: str) -> bool:
    """Yes/No/Y/N/True/False, also as a form words it ("Yes, I would like to", "No - not yet")."""
    value = _words(text)
    if value in _YES:
        return True
    if value in _NO:
        return False
    head = re.split(r"[,;.\-–—(]", text.strip(), maxsplit=1)[0]
    if _words(head) in ("yes", "no") and head.strip() != text.strip():
        return _words(head) == "yes"
    raise ValueError("is not a yes/no answer (Yes, No, Y, N, True or False)")


_UNSURE = {"maybe": "maybe", "perhaps": "maybe", "possibly": "maybe", "not sure": "not sure",
           "unsure": "not sure", "don t know": "not sure", "dont know": "not sure",
           "do not know": "not sure", "undecided": "not sure"}


def parse_willing(text: str) -> str:
    """A survey's "Would you be willing to mentor?": yes or no (as parse_yes_no reads them), or
    the answer of someone undecided, kept as its own ("Maybe", "Not sure", "Maybe, in a year")."""
    try:
        return "yes" if parse_yes_no(text) else "no"
    except ValueError:
        pass
    value = _words(text)
    head = _words(re.split(r"[,;.\-–—(]", text.strip(), maxsplit=1)[0])
    for answer in (value, head):
        if answer in _UNSURE:
            return _UNSURE[answer]
    raise ValueError("is not an answer to this question (Yes, No, Maybe or Not sure)")


def parse_whole(text: str) -> int:
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        raise ValueError("is not a whole number")
    return int(m.group(1))


_CAPACITY = re.compile(r"(?:up to\s+)?(\d+)(?:\.0+)?(?:\s+mentees?)?", re.IGNORECASE)


def parse_capacity(text: str) -> int:
    """How many mentees: 3, "Up to 3", "3 mentees"."""
    m = _CAPACITY.fullmatch(text.strip())
    if not m:
        raise ValueError("is not a whole number of mentees")
    n = int(m.group(1))
    if n < 1:
        raise ValueError("must be at least 1 (how many mentees this mentor takes)")
    if n > 50:
        raise ValueError("is more than 50 mentees for one mentor")
    return n


# -- closed vocabularies -----------------------------------------------------------------
def _key(text: str) -> str:
    """A forgiving key: lower case, & as and, no 'the', no punctuation or spaces."""
    words = _words(text.replace("&", " and ")).split()
    return "".join(w for w in words if w != "the")


_ASIDE = re.compile(r"\s*[(\[].*?[)\]]\s*")


def _offered(text: str) -> list[str]:
    """The answer without a form's explanation: "(0-5 years)", "- newly qualified", "/ manager"."""
    bare = _ASIDE.sub(" ", text).strip()
    parts = [bare]
    for sep in (" - ", " – ", " — ", ":", "/", ","):
        if sep in bare:
            parts.append(bare.split(sep, 1)[0].strip())
    return parts


def choice_parser(allowed: tuple[str, ...], aliases: dict[str, str] | None = None,
                  what: str = "value") -> Callable[[str], str]:
    """A parser accepting the allowed words (and aliases) however they are spelt."""
    table = {_key(a): a for a in allowed}
    table.update({_key(k): v for k, v in (aliases or {}).items()})
    listing = ", ".join(allowed)

    def parse(text: str) -> str:
        found = table.get(_key(text))
        # worded as a form offers it: "Early career (0-5 years)", "Leader / manager"
        if found is None:
            for part in _offered(text):
                found = table.get(_key(part))
                if found is not None:
                    break
        if found is None:
            raise ValueError(f"is not a known {what} (one of: {listing})")
        return found

    parse.__name__ = f"parse_{what.replace(' ', '_')}"
    return parse


parse_region = choice_parser(vocab.REGIONS, {
    "Yorkshire": "Yorkshire and the Humber", "Yorkshire Humber": "Yorkshire and the Humber",
    "Yorkshire and Humberside": "Yorkshire and the Humber", "NI": "Northern Ireland",
    "N Ireland": "Northern Ireland", "East": "East of England", "Eastern": "East of England",
    "East Anglia": "East of England", "Greater London": "London", "Cymru": "Wales",
    "North East England": "North East", "North West England": "North West",
    "South East England": "South East", "South West England": "South West",
}, "region")
parse_career_stage = choice_parser(vocab.CAREER_STAGES, {
    "early": "early career", "newly qualified": "early career", "NQP": "early career",
    "mid": "mid career", "middle career": "mid career", "senior practitioner": "senior",
    "leadership": "leader", "student OT": "student",
}, "career stage")
parse_role = choice_parser(vocab.PARTICIPANT_ROLES, {"mentors": "mentor", "mentees": "mentee"},
                           "role")
parse_fund = choice_parser(vocab.FUNDS, {"leadership fund": "leadership", "CPD fund": "cpd",
                                         "CPD funding": "cpd"}, "fund")
parse_bid_status = choice_parser(vocab.BID_STATUSES, {"in progress": "in_progress",
                                                      "new": "received"}, "bid status")
parse_course_format = choice_parser(vocab.COURSE_FORMATS, {"face to face": "in person",
                                                           "in-person": "in person",
                                                           "distance learning": "distance"},
                                    "course format")
parse_course_level = choice_parser(vocab.COURSE_LEVELS, {"PG Cert": "pgcert",
                                                         "Postgraduate certificate": "pgcert",
                                                         "Masters": "msc", "MSc": "msc"},
                                   "course level")
parse_coach_kind = choice_parser(vocab.COACH_KINDS, {"OT specialist": "ot_specialist",
                                                     "OT": "ot_specialist",
                                                     "specialist": "ot_specialist"},
                                 "coach kind")


def parse_list(text: str) -> str | None:
    """Themes or offers separated by ';' or ',': lower case, de-duplicated, sorted, '; '-joined."""
    items = {" ".join(part.split()).lower() for part in re.split(r"[;,\n]", text)}
    items.discard("")
    return "; ".join(sorted(items)) or None


def parse_ordered_list(text: str) -> str | None:
    """Like parse_list, but in the order given (a coach's offers read best as written)."""
    items = [" ".join(part.split()).lower() for part in re.split(r"[;,\n]", text)]
    return "; ".join(dict.fromkeys(i for i in items if i)) or None


# -- applying a parser to a column -----------------------------------------------------------
def apply(values: pd.Series, parse: Callable[[str], object]) -> tuple[pd.Series, pd.Series]:
    """Parse every non-empty cell: (parsed values with None for empty, reason or None per cell).

    Each distinct value is parsed once."""
    parsed_of: dict[str, object] = {}
    reason_of: dict[str, str] = {}
    for raw in values.unique():
        if raw == "":
            continue
        try:
            parsed_of[raw] = parse(raw)
        except ValueError as exc:
            reason_of[raw] = str(exc)
    # Series.map with a dict is a hash lookup per cell, not a Python call per cell.
    parsed = values.map(parsed_of).astype(object)
    parsed = parsed.where(parsed.notna(), None)
    reasons = values.map(reason_of).astype(object) if reason_of else pd.Series(
        None, index=values.index, dtype=object)
    reasons = reasons.where(reasons.notna(), None)
    return parsed, reasons
