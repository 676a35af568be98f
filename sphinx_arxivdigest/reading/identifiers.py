"""Every arXiv identifier in a text, found before anything else: the anchors the reader builds on.

An identifier is an arxiv.org abs/pdf/html link, ``arXiv:ID`` or ``arXiv ID`` text, or a
``data-arxiv-id`` attribute (old-style ``hep-th/9901001`` ids included). Bare numbers in prose are
not identifiers (``2501.00001`` in an abstract is often a citation); ids in id columns are found by
the table readers. The site root and listing pages (``arxiv.org/list/recent``) name no paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import NEW_ID_PATTERN, OLD_ID_PATTERN

__all__ = ["IDENTIFIER_RE", "Identifier", "find_identifiers", "identifiers_in_lines"]

_ID = rf"(?P<id>{NEW_ID_PATTERN}|{OLD_ID_PATTERN})(?:v(?P<version>\d+))?"
#: One pattern for all identifier forms (``(?i)`` only where arXiv's spelling varies).
IDENTIFIER_RE = re.compile(
    r"(?:data-)?arxiv(?:"
    r"\.org/(?:abs|pdf|html|format)/"
    r"|(?:-?id)?\s*=\s*[\"']?"
    r"|(?:[ \t]*id)?(?:[ \t]*\*\*)?[ \t]*[:：]?[ \t]*(?:\*\*[ \t]*)?\[?`?)"
    + _ID + r"(?![\w])",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"\w")


def _may_hold(text: str) -> bool:
    """A cheap test before the regex: every identifier form spells "arxiv" in some case."""
    return "xiv" in text or "Xiv" in text or "XIV" in text or "xIV" in text


@dataclass(frozen=True, slots=True)
class Identifier:
    """One occurrence: 0-based line index, offset in that line, the bare id and its version."""

    line: int
    column: int
    arxiv_id: str
    version: int | None


def find_identifiers(text: str, line: int = 0) -> list[Identifier]:
    """Identifiers in one line of text (``line`` is recorded, not used).

    Every form spells "arxiv", so the pattern is only tried where a plain substring search on the
    lower-cased text finds it (the reader scans every line of a digest: this is its hot loop).
    """
    if not _may_hold(text):
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing moved offsets (rare letters such as "İ")
        return [_identifier(match, line, text) for match in IDENTIFIER_RE.finditer(text) if _stands_alone(match, text)]
    found = []
    position = lowered.find("arxiv")
    while position != -1:
        start = position - 5 if position >= 5 and lowered.startswith("data-", position - 5) else position
        match = IDENTIFIER_RE.match(text, start)
        if match is not None and _stands_alone(match, text):
            found.append(_identifier(match, line, text))
            position = lowered.find("arxiv", match.end())
        else:
            position = lowered.find("arxiv", position + 5)
    return found


def _stands_alone(match: re.Match[str], text: str) -> bool:
    """"xarxiv:" is not arXiv; "export.arxiv.org" and "//arxiv.org" are."""
    start = match.start()
    return not (start and _WORD_START.match(text, start - 1) and text[start - 1] not in "/.")


def _identifier(match: re.Match[str], line: int, text: str) -> Identifier:
    version = match.group("version")
    return Identifier(line, match.start(), match.group("id"), int(version) if version else None)


def identifiers_in_lines(lines: list[str], skip: list[bool]) -> list[Identifier]:
    """Identifiers of every line not skipped (fenced code, lines a table reader already read)."""
    found: list[Identifier] = []
    for index, line in enumerate(lines):
        if not skip[index] and _may_hold(line):
            found += find_identifiers(line, index)
    return found
