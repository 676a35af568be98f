"""Dates as digest bots write them: ``2025-09-19``, ``20250710``, ``2025/09/19``, ``06/11/2025``,
``14 August, 2024``, ``2025年3月19日``. Year-and-month alone (``2021.6``) is not a date.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["is_date_text", "parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")], 1)
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YMD = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\d.])")
_MDY = re.compile(r"(?<![\d./])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)")
_DMY_NAMED = re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)
_MDY_NAMED = re.compile(rf"(?<!\w){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I)


# Every format above holds a four-digit year 19xx/20xx: text without one holds no date.
_YEAR = re.compile(r"(?:19|20)\d\d")
# Both named formats write a month name, then (after a dot or comma) spaces and a number. In
# case-folded text every such month starts with one of these three letters and stays free of spaces.
_MONTH_THEN_NUMBER = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\S*\s+\d")


def _may_name_month(text: str) -> bool:
    """False when neither named format can match ``text``: they need not be searched (their
    case-insensitive search is the slowest of the five)."""
    return bool(_MONTH_THEN_NUMBER.search(text.casefold()))


def _make(year: str, month: int | str, day: str) -> _dt.date | None:
    try:
        return _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> _dt.date | None:
    """The first full date in ``text`` (any of the formats above); None when there is none."""
    year = _YEAR.search(text) if text else None
    if not year:
        return None
    best: tuple[int, _dt.date] | None = None  # the earliest date so far (on a tie, the format listed first)
    named = _may_name_month(text)
    first_year = year.start()  # the Y-M-D and compact formats start with their year: none starts before it
    for pattern, possible, start in ((_YMD, True, first_year), (_MDY, "/" in text, 0), (_DMY_NAMED, named, 0),
                                     (_MDY_NAMED, named, 0), (_COMPACT, True, first_year)):
        if not possible:
            continue
        if pattern is _COMPACT and best is not None and best[0] <= first_year:
            continue  # a compact date starts at a year: it cannot come before the date already found
        for match in pattern.finditer(text, start):
            groups = match.groupdict()
            # casefold, not lower: the case-insensitive search also matches "ſep" (long s) or "ＳＥＰ"
            month = _MONTHS.get(groups["mon"].casefold(), 0) if groups.get("mon") else groups["m"]
            date = _make(groups["y"], month, groups["d"])
            if date:
                if best is None or match.start() < best[0]:
                    best = (match.start(), date)
                break
    return best[1] if best else None


_ONLY_DATE_NOISE = re.compile(r"[\s*_`#:：,.\-–—|()（）\[\]]+")


def is_date_text(text: str) -> bool:
    """True when ``text`` is a date and little else (a heading such as ``## 2025-09-19`` or
    ``Updated on 2025.03.25``), so that it dates what follows instead of naming a topic."""
    date_free = text
    for pattern in (_YMD, _MDY, _DMY_NAMED, _MDY_NAMED, _COMPACT):
        date_free = pattern.sub(" ", date_free)
    if date_free == text:
        return False
    rest = _ONLY_DATE_NOISE.sub(" ", date_free).split()
    return len(rest) <= 3
