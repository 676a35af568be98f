"""The block structure of a digest as line intervals: heading sections, list items, blockquotes,
paragraphs and HTML blocks (``<article>``, ``<div>``, ``<details>``...), from markdown-it-py.

Only block parsing runs (inline parsing is off): it is what tells an entry's extent, and it keeps
the general reader fast. Every interval is ``[start, end)`` in 0-based lines of the digest.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .fields import LIST_MARK as _LIST_MARK
from .fields import label_of
from .lines import ATX_HEADING

__all__ = ["Unit", "block_units"]

_MD = MarkdownIt("commonmark").disable(["inline", "text_join"])
_HTML_OPEN = re.compile(r"<(article|div|details|section|li|blockquote)\b[^>]*?(/?)>", re.I)
_HTML_CLOSE = re.compile(r"</(article|div|details|section|li|blockquote)\s*>", re.I)


@dataclass(frozen=True, slots=True)
class Unit:
    """One structural unit. ``kind``: section, item, quote, html, paragraph, heading, list."""

    kind: str
    start: int
    end: int
    level: int = 0  # heading level of a section, nesting depth otherwise
    tag: str = ""  # the HTML tag of an html unit

    @property
    def size(self) -> int:
        return self.end - self.start


def _html_units(lines: list[str], skip: list[bool]) -> list[Unit]:
    """Ranges from an opening ``<div>``/``<details>``/``<article>``... to its closing tag (or the end)."""
    units: list[Unit] = []
    stack: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        if skip[index] or "<" not in line:
            continue
        events = [(m.start(), "open", m.group(1).lower(), m.group(2)) for m in _HTML_OPEN.finditer(line)]
        events += [(m.start(), "close", m.group(1).lower(), "") for m in _HTML_CLOSE.finditer(line)]
        for _, what, tag, selfclosing in sorted(events):
            if what == "open":
                if not selfclosing:
                    stack.append((tag, index))
            else:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == tag:
                        opened = stack[depth][1]
                        del stack[depth:]
                        units.append(Unit("html", opened, index + 1, depth, tag))
                        break
    units += [Unit("html", opened, len(lines), depth, tag) for depth, (tag, opened) in enumerate(stack)]
    return units


_CONTAINER_START = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^\s{0,3}>")


def _needs_blocks(lines: list[str], first: int, line: int) -> bool:
    """Whether the identifier on ``line`` may sit in a list item or blockquote: it is indented, or
    its line or the first line of its blank-delimited block opens one (a ``- **URL**: ...`` field
    line at the margin does not count: its entry is the section)."""
    text = lines[line]
    if text[:1] in (" ", "\t") and text.strip():
        return True  # indented: inside a list item (a nested field item's parent is an item too)
    if _CONTAINER_START.match(text):
        return not label_of(_LIST_MARK.sub("", text.strip()))  # ``- **URL**: ...`` is a field of its section
    start = line
    while start > first and lines[start - 1].strip():
        start -= 1
    return start != line and bool(_CONTAINER_START.match(lines[start]))


def _parse(lines: list[str], skip: list[bool], first: int, end: int, units: list[Unit]) -> None:
    """List items, blockquotes and paragraphs of ``lines[first:end]`` from a markdown-it block parse."""
    text = "\n".join("" if skip[k] else lines[k] for k in range(first, end))
    tokens = _MD.parse(text)
    depth = 0
    for token in tokens:
        if token.nesting == 1 and token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
        elif token.nesting == -1 and token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
        if not token.map or token.nesting == -1:
            continue
        start, stop = token.map[0] + first, token.map[1] + first
        if token.type == "list_item_open":
            units.append(Unit("item", start, stop, depth))
        elif token.type == "blockquote_open":
            units.append(Unit("quote", start, stop, depth))
        elif token.type in ("paragraph_open", "html_block"):
            units.append(Unit("paragraph", start, stop, depth))


_MARKER = re.compile(r"^([-*+]|\d{1,9}[.)])( +|$)")
_HR_LINE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_INTERRUPTS = ("#", "|")
_UNSUPPORTED = ("<", "`", "~", ">")  # HTML blocks, fences, blockquotes: left to markdown-it


def _simple_lists(lines: list[str], skip: list[bool], first: int, end: int, units: list[Unit]) -> bool:
    """List items of a stretch by indentation (CommonMark's rules for the cases digests write),
    much faster than a markdown-it parse. False (nothing added) when the stretch holds something
    these rules do not cover (HTML blocks, fences, blockquotes, indented code, tabs): the caller then
    parses it with markdown-it."""
    found: list[Unit] = []
    stack: list[tuple[int, int]] = []  # (start line, content indent) of the open items
    last = first - 1  # the last non-blank line
    blank_before = True
    paragraph = False  # the previous line is paragraph text (which a list may not always interrupt)
    for k in range(first, end):
        line = "" if skip[k] else lines[k]
        if not line.strip():
            blank_before, paragraph = True, False
            continue
        if "\t" in line[:8] or line.lstrip()[:1] in _UNSUPPORTED:
            return False
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        match = None if _HR_LINE.match(line) else _MARKER.match(content)
        if match or not paragraph:
            base = next((width for _, width in reversed(stack) if width <= indent), 0)  # the container's content
            if not paragraph and indent - base >= 4:
                return False  # an indented code block
            if match and indent - base > 3:
                match = None  # a marker starts an item only up to 3 spaces right of its container's content
        if match and paragraph and (not stack or indent >= stack[-1][1]):
            # Interrupting a paragraph: only a bullet or "1." with content may (CommonMark).
            ordered = match.group(1)[0].isdigit()
            if not match.group(2) or (ordered and match.group(1)[:-1] != "1"):
                match = None
        if match:
            while stack and indent < stack[-1][1]:
                start, _ = stack.pop()
                found.append(Unit("item", start, last + 1, len(stack) + 1))
            spaces = len(match.group(2))
            stack.append((k, indent + len(match.group(1)) + (spaces if 1 <= spaces <= 4 else 1)))
            paragraph = bool(match.group(2))
        else:
            interrupts = content[:1] in _INTERRUPTS or _HR_LINE.match(line)
            paragraph = not interrupts
            if blank_before or interrupts:
                while stack and indent < stack[-1][1]:
                    start, _ = stack.pop()
                    found.append(Unit("item", start, last + 1, len(stack) + 1))
        last = k
        blank_before = False
    while stack:
        start, _ = stack.pop()
        found.append(Unit("item", start, last + 1, len(stack) + 1))
    units += found
    return True


def _paragraphs(lines: list[str], skip: list[bool], first: int, end: int, units: list[Unit]) -> None:
    """Blank-line delimited blocks: the paragraphs of a stretch without lists or blockquotes."""
    start = None
    for k in range(first, end + 1):
        blank = k == end or skip[k] or not lines[k].strip()
        if blank and start is not None:
            units.append(Unit("paragraph", start, k, 0))
            start = None
        elif not blank and start is None:
            start = k


def block_units(
    lines: list[str], skip: list[bool], id_lines: set[int] | None = None,
) -> tuple[list[Unit], list[tuple[int, int, str]]]:
    """Units of the lines not skipped (skipped lines read as blank), and the ATX headings as
    ``(line, level, raw text)``. Between two headings, markdown-it parses the stretch only when an
    identifier in it may sit in a list item or blockquote (``id_lines``: None parses everything);
    elsewhere blank lines delimit the paragraphs, which is all the reader needs there."""
    count = len(lines)
    headings: list[tuple[int, int, str]] = []
    for index, text in enumerate(lines):
        if not skip[index] and text[:4].lstrip()[:1] == "#":
            match = ATX_HEADING.match(text)
            if match:
                headings.append((index, len(match.group(1)), (match.group(2) or "").strip()))
    units: list[Unit] = []
    bounds = [heading[0] for heading in headings]
    starts = [0, *(b + 1 for b in bounds)]
    ends = [*bounds, count]
    marked = sorted(id_lines) if id_lines is not None else None
    for first, end in zip(starts, ends, strict=True):  # one stretch before each heading, one after the last
        if first >= end:
            continue
        inside = marked[bisect.bisect_left(marked, first):bisect.bisect_left(marked, end)] \
            if marked is not None else None
        if inside is None:
            _parse(lines, skip, first, end, units)
        elif any(_needs_blocks(lines, first, k) for k in inside):
            if _simple_lists(lines, skip, first, end, units):
                _paragraphs(lines, skip, first, end, units)
            else:
                _parse(lines, skip, first, end, units)
        elif inside:
            _paragraphs(lines, skip, first, end, units)
    open_sections: list[tuple[int, int]] = []  # (line, level) of sections not yet closed
    for line, level, _ in headings:
        while open_sections and open_sections[-1][1] >= level:
            start, lvl = open_sections.pop()
            units.append(Unit("section", start, line, lvl))
        open_sections.append((line, level))
    units += [Unit("section", start, count, level) for start, level in open_sections]
    units += _html_units(lines, skip)
    return units, headings
