"""The block structure of a digest as line intervals: heading sections, list items, blockquotes,
paragraphs and HTML blocks (``<article>``, ``<div>``, ``<details>``...), from markdown-it-py.

Only block parsing runs (inline parsing is off): it is what tells an entry's extent, and it keeps
the general reader fast. Every interval is ``[start, end)`` in 0-based lines of the digest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

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


def block_units(lines: list[str], skip: list[bool]) -> tuple[list[Unit], list[tuple[int, int, str]]]:
    """Units of the lines not skipped (skipped lines read as blank), and the headings as
    ``(line, level, raw text)`` from the same parse."""
    text = "\n".join("" if skip[k] else line for k, line in enumerate(lines))
    tokens = _MD.parse(text)
    units: list[Unit] = []
    headings: list[tuple[int, int, str]] = []
    depth = 0
    for position, token in enumerate(tokens):
        if token.nesting == 1 and token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
        elif token.nesting == -1 and token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
        if not token.map or token.nesting != 1:
            continue
        start, end = token.map
        if token.type == "heading_open":
            headings.append((start, int(token.tag[1]), tokens[position + 1].content))
        elif token.type == "list_item_open":
            units.append(Unit("item", start, end, depth))
        elif token.type == "blockquote_open":
            units.append(Unit("quote", start, end, depth))
        elif token.type == "paragraph_open":
            units.append(Unit("paragraph", start, end, depth))
    count = len(lines)
    for number, (start, level, _) in enumerate(headings):
        end = next((h[0] for h in headings[number + 1:] if h[1] <= level), count)
        units.append(Unit("section", start, end, level))
    for token in tokens:
        if token.type == "html_block" and token.map:
            units.append(Unit("paragraph", token.map[0], token.map[1], 0))
    units += _html_units(lines, skip)
    return units, headings
