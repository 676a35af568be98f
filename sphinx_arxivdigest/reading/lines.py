"""Line-level structure every digest reader needs: normalised lines, front matter and headings.

Readers work on the same list of lines (0-based indexes; problems report index + 1) so that line
numbers agree whatever format a digest is written in.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ..model import Paper, Problem

__all__ = ["ATX_HEADING", "FenceTracker", "Heading", "ReadResult", "fence_mask", "front_matter_end", "normalise_lines", "scan_headings", "topic_at"]


def normalise_lines(text: str) -> list[str]:
    """Lines of a digest with a BOM dropped and CRLF/CR endings turned into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def front_matter_end(lines: list[str]) -> tuple[int, dict[str, str]]:
    """Index of the first line after YAML front matter (0 when none) and its simple ``key: value`` pairs."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    values: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() in ("---", "..."):
            return index + 1, values
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            values[key.strip()] = value.strip().strip("\"'")
    return 0, {}  # an unclosed block is not front matter


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class FenceTracker:
    """Follows fenced code blocks line by line: inside one, nothing is a table or a heading."""

    def __init__(self) -> None:
        self._opener: str | None = None

    def feed(self, line: str) -> bool:
        """True when ``line`` is inside a fence or opens or closes one."""
        match = _FENCE.match(line)
        if self._opener is None:
            if match:
                self._opener = match.group(1)
            return bool(match)
        if match is None or line[match.end():].strip():  # a closing fence has no info string
            return True
        fence = match.group(1)
        if fence[0] == self._opener[0] and len(fence) >= len(self._opener):
            self._opener = None
        return True


def fence_mask(lines: list[str], text_lines: Collection[int] = ()) -> list[bool]:
    """True for each line inside (or delimiting) a fenced code block, where nothing is a table or
    heading. Lines in ``text_lines`` (rows of a table already read) are table text: never a fence,
    and masked too."""
    tracker = FenceTracker()
    return [index in text_lines or tracker.feed(line) for index, line in enumerate(lines)]


@dataclass(frozen=True, slots=True)
class Heading:
    """A markdown (``## Topic``) or raw HTML (``<h2>Topic</h2>``) heading."""

    index: int
    level: int
    text: str


#: An ATX heading (``## Topic``): group 1 the hashes, group 2 the text (None when empty).
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_HTML_H = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>", re.I)
_TAG = re.compile(r"<[^>]*>")


def scan_headings(lines: list[str], start: int = 0, mask: list[bool] | None = None) -> list[Heading]:
    """Every heading from ``start`` on, outside code fences, with its text stripped of markup."""
    found: list[Heading] = []
    for index in range(start, len(lines)):
        if mask is not None and mask[index]:
            continue
        line = lines[index]
        if "#" not in line and "<h" not in line and "<H" not in line:
            continue
        match = ATX_HEADING.match(line)
        if match:
            found.append(Heading(index, len(match.group(1)), (match.group(2) or "").strip()))
            continue
        match = _HTML_H.match(line)
        if match:
            found.append(Heading(index, int(match.group(1)), _TAG.sub("", match.group(2)).strip()))
    return found


def topic_at(headings: list[Heading], index: int) -> str | None:
    """The text of the nearest heading of level 2 or deeper above line ``index`` (level 1 titles the digest)."""
    topic = None
    for heading in headings:
        if heading.index >= index:
            break
        if heading.level >= 2:
            topic = heading.text
    return topic


@dataclass(slots=True)
class ReadResult:
    """What one reader found: papers, problems, and whether the digest had its kind of paper list at all."""

    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    found: bool = False
    #: 0-based indexes of the lines the reader consumed (table rows), which no other reader may read.
    consumed: set[int] = field(default_factory=set)
    #: Names of the layouts this reader recognised ("pipe table", "HTML table"...).
    layouts: list[str] = field(default_factory=list)
