"""Property tests of the import parsers: what people type maps to one stored value, and
anything else is refused with a reason (a ValueError), never another exception."""

import calendar
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casson.platform import parsers as p
from casson.platform import vocab

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
ANY_TEXT = st.text(max_size=40)


def _refuses_or_returns(parse, text):
    try:
        parse(text)
    except ValueError as exc:
        assert str(exc)  # a reason people can read
    # any other exception fails the test


# -- dates ----------------------------------------------------------------------------------
@given(DATES)
def test_iso_and_uk_day_first_dates_give_the_same_day(d):
    assert p.parse_date(d.isoformat()) == d
    assert p.parse_date(d.strftime("%d/%m/%Y")) == d
    assert p.parse_date(f"{d.day}/{d.month}/{d.year}") == d
    assert p.parse_date(f"{d.day}.{d.month:02d}.{d.year}") == d
    assert p.parse_date(f"{d.day} {calendar.month_name[d.month]} {d.year}") == d
    assert p.parse_date(f"{d.isoformat()} 00:00:00") == d  # as spreadsheets write dates


def test_day_first_is_the_uk_reading():
    assert p.parse_date("05/04/2022") == date(2022, 4, 5)


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(1, 40))
def test_impossible_dates_are_refused(year, month, day):
    real = day <= calendar.monthrange(year, month)[1]
    for text in (f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}"):
        if real:
            assert p.parse_date(text) == date(year, month, day)
        else:
            with pytest.raises(ValueError, match="not a real date"):
                p.parse_date(text)


@given(ANY_TEXT)
@example("31/02/2022")
@example("2022-13-01")
@example("05/04/22")
def test_date_parser_only_ever_refuses_with_a_reason(text):
    _refuses_or_returns(p.parse_date, text)
    _refuses_or_returns(p.parse_datetime, text)


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)))
def test_datetimes_round_trip_to_the_second(dt):
    dt = dt.replace(microsecond=0)
    assert p.parse_datetime(dt.isoformat(sep=" ")) == dt
    assert p.parse_datetime(dt.isoformat()) == dt
    assert p.parse_datetime(dt.strftime("%d/%m/%Y %H:%M:%S")) == dt


# -- money ----------------------------------------------------------------------------------
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(AMOUNTS)
def test_money_in_every_accepted_spelling_is_the_same_amount(amount):
    for text in (f"{amount:.2f}", f"{amount:,.2f}", f"£{amount:,.2f}", f"£ {amount:.2f}",
                 f"{amount:.2f} GBP"):
        assert p.parse_money(text) == amount
    if amount == amount.to_integral_value():
        assert p.parse_money(str(int(amount))) == amount
        assert p.parse_money(f"£{int(amount):,}") == amount


@given(AMOUNTS.filter(lambda a: a > 0))
def test_negative_money_is_refused(amount):
    with pytest.raises(ValueError, match="negative"):
        p.parse_money(f"-{amount}")


@given(ANY_TEXT)
@example("9,50.00")
@example("1.234")
@example("£")
@example("1e5")
def test_money_parser_only_ever_refuses_with_a_reason(text):
    _refuses_or_returns(p.parse_money, text)


def test_badly_grouped_thousands_are_refused():
    for text in ("9,50", "95,00.00", "1,2345"):
        with pytest.raises(ValueError):
            p.parse_money(text)


# -- email ----------------------------------------------------------------------------------
LOCAL = st.from_regex(r"[A-Za-z0-9_+-]{1,12}(\.[A-Za-z0-9_+-]{1,8}){0,2}", fullmatch=True)
DOMAIN = st.from_regex(r"([A-Za-z0-9]{1,10}\.){1,3}[A-Za-z]{2,6}", fullmatch=True)


@given(LOCAL, DOMAIN, st.sampled_from(["", " ", "  "]))
def test_valid_emails_are_kept_as_given_and_keyed_in_lower_case(local, domain, pad):
    email = f"{local}@{domain}"
    assert p.parse_email(pad + email + pad) == email
    assert p.email_key(pad + email.upper()) == email.lower()


@given(ANY_TEXT.filter(lambda t: "@" not in t))
def test_text_without_an_at_sign_is_never_an_email(text):
    with pytest.raises(ValueError):
        p.parse_email(text)


@given(LOCAL, DOMAIN, DOMAIN)
def test_two_at_signs_or_no_dot_in_the_domain_are_refused(local, d1, d2):
    for bad in (f"{local}@{d1}@{d2}", f"{local}@{d1.split('.')[0]}", f"@{d1}", f"{local}@"):
        with pytest.raises(ValueError):
            p.parse_email(bad)


@settings(max_examples=300)
@given(st.lists(st.one_of(ANY_TEXT, st.builds(lambda a, b: f"{a}@{b}", LOCAL, DOMAIN),
                          st.builds(lambda a, b: f"{a}@{b}", ANY_TEXT, ANY_TEXT)), min_size=1))
def test_the_column_at_once_check_agrees_with_the_one_cell_parser(values):
    mask = p.email_mask(pd.Series(values, dtype="str"))
    for value, ok in zip(values, mask, strict=True):
        try:
            p.parse_email(value)
            scalar = True
        except ValueError:
            scalar = False
        assert ok == scalar, value


# -- Likert and yes/no -------------------------------------------------------------------------
def _respell(word: str, style: int) -> str:
    return (word.upper(), word.title(), f"  {word}  ", word.replace(" ", "-"), word)[style]


@given(st.integers(1, 5), st.integers(0, 4))
def test_likert_numbers_and_words_give_the_same_answer(n, style):
    assert p.parse_likert(str(n)) == n
    assert p.parse_likert(f"{n}.0") == n
    assert p.parse_likert(_respell(vocab.LIKERT[n], style)) == n
    assert p.parse_likert(f"{n} - {vocab.LIKERT[n]}") == n


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_likert_numbers_off_the_scale_are_refused(n):
    with pytest.raises(ValueError):
        p.parse_likert(str(n))


def test_likert_number_and_words_that_disagree_are_refused():
    with pytest.raises(ValueError):
        p.parse_likert("5 - disagree")


@given(ANY_TEXT)
def test_likert_parser_only_ever_refuses_with_a_reason(text):
    _refuses_or_returns(p.parse_likert, text)


@pytest.mark.parametrize("text,value", [("Yes", True), ("y", True), ("TRUE", True), ("no", False),
                                        ("N", False), ("False", False)])
def test_yes_no_words(text, value):
    assert p.parse_yes_no(text) is value


# -- vocabularies and lists ----------------------------------------------------------------------
@given(st.sampled_from(vocab.REGIONS), st.integers(0, 4))
def test_regions_match_however_they_are_spelt(region, style):
    assert p.parse_region(_respell(region, style)) == region
    assert p.parse_region(region.replace(" and the ", " & ")) == region


def test_yorkshire_and_humber_forgivingly():
    for text in ("Yorkshire & Humber", "yorkshire and humber", "Yorkshire & the Humber"):
        assert p.parse_region(text) == "Yorkshire and the Humber"


@given(st.sampled_from(vocab.CAREER_STAGES), st.integers(0, 4))
def test_career_stages_match_however_they_are_spelt(stage, style):
    assert p.parse_career_stage(_respell(stage, style)) == stage


@given(st.lists(st.sampled_from(["confidence", "Storytelling", "leading  change", "research"]),
                min_size=1), st.sampled_from([";", ",", "; ", " , "]))
def test_themes_are_one_canonical_list_whatever_the_separator_and_order(items, sep):
    canonical = p.parse_list(sep.join(items))
    assert canonical == p.parse_list(sep.join(reversed(items)))
    assert p.parse_list(canonical) == canonical
    assert canonical == "; ".join(sorted({" ".join(i.lower().split()) for i in items}))
