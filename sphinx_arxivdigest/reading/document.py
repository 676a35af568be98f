"""Digest text -> :class:`Digest`: anchor on every arXiv identifier, find the entry that holds it.

Tables (pipe and HTML) are read first on a fast path; every identifier left outside them is placed
in the smallest structural unit that holds one paper (a list item, a heading's section, a
blockquote, an HTML block), whose fields are then read by label and position. An identifier that
ends in no paper is a Problem at its line: nothing is dropped silently.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Callable

from ..model import Digest, Problem
from .clean import clean_title, inline_text
from .dates import is_date_text, parse_date
from .fields import LIST_MARK, Entry, field_roles, label_of, looks_like_authors, read_entry
from .html_tables import read_html_tables
from .identifiers import Identifier, find_identifiers, identifiers_in_lines
from .labels import exact_label_role
from .lines import ATX_HEADING, Heading, fence_mask, front_matter_end, normalise_lines, scan_headings
from .pipe_tables import read_pipe_tables
from .structure import Unit, block_units

__all__ = ["parse_digest"]

_LAYOUT = {"section": "heading sections", "item": "list items", "quote": "blockquotes", "html": "HTML blocks",
           "paragraph": "paragraphs"}
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_ONLY_LINKS = re.compile(r"^(?:\s*(?:\[[^\]]*\]\([^)]*\)|https?://\S+|[|,·•/]))+\s*$")
_FIELD_DETAILS = ("details",)
# A paragraph lists a paper when it starts like a title: bold, a link, an HTML element, a code span.
_PARAGRAPH_ENTRY = re.compile(r"^\s{0,3}(?:\*\*|__|\[|<|`|\*\S|_\S)")


def parse_digest(text: str, source: str | None = None) -> Digest:
    """Read digest markdown; never raises on content. ``source`` is only recorded."""
    lines = normalise_lines(text)
    start, front = front_matter_end(lines)
    tables = read_pipe_tables(lines, start, None)
    mask = fence_mask(lines, tables.consumed)
    headings = scan_headings(lines, start, mask)
    first_h1 = next((h for h in headings if h.level == 1), None)
    title = front.get("title") or (inline_text(first_h1.text) if first_h1 else None)
    date = parse_date(front.get("date", "")) or (parse_date(title) if title else None)
    html = read_html_tables(lines, start, headings, mask, date)

    digest = Digest(title=title, date=date, source=source)
    digest.layouts = list(dict.fromkeys(tables.layouts + html.layouts))
    for result in (tables, html):
        digest.papers += result.papers
        digest.problems += result.problems
    if tables.papers:
        topics, dates = _heading_context(headings)
        starts = [heading.index for heading in headings]
        for paper in tables.papers:
            position = bisect.bisect_left(starts, paper.line - 1)
            if position:
                paper.topic = topics[position - 1]
                paper.date = paper.date or dates[position - 1]
            paper.date = paper.date or date

    skip = [k < start or mask[k] or k in html.consumed for k in range(len(lines))]
    table_lines = tables.consumed | html.consumed
    # Table lines are not scanned again: every row of a table read here became a paper or a problem
    # that names its id, and an id elsewhere in a row (an abstract citing related work) is part of
    # that row's entry; tables skipped as not listing papers hold no identifier.
    all_ids = identifiers_in_lines(lines, [k < start or mask[k] or k in table_lines for k in range(len(lines))])
    loose = [ident for ident in all_ids if not skip[ident.line]]
    if loose:
        _read_entries(lines, skip, loose, headings, date, digest, sorted(table_lines))
        if first_h1 is not None and not front.get("title") and any(p.line == first_h1.index + 1 for p in digest.papers):
            digest.title = None  # the first H1 was a paper, not the digest's title
    digest.identifiers_seen = len({ident.arxiv_id for ident in all_ids} | {p.arxiv_id for p in tables.papers + html.papers})
    _account(all_ids, digest)
    if not digest.papers and not digest.problems and not (tables.found or html.found):
        if all_ids:
            digest.problems.append(Problem(start + 1, "arXiv identifiers found but no paper entry read"))
        else:
            digest.problems.append(Problem(start + 1, "no paper table or paper entries found in this digest"))
    digest.papers.sort(key=lambda p: p.line)
    digest.problems.sort(key=lambda p: p.line)
    return digest


def _account(all_ids: list[Identifier], digest: Digest) -> None:
    """Every identifier ends in a paper or in a problem naming it; the others become problems.

    An identifier cited in a paper's own text (an abstract linking to related work, a summary, an
    extra column) is accounted for by that paper: it is a reference, not a listing that was lost.
    """
    read = {p.arxiv_id for p in digest.papers}
    if any(ident.arxiv_id not in read for ident in all_ids):  # only then look at what papers cite
        cited = "\n".join(text for p in digest.papers for text in (p.abstract, p.summary, *p.extra.values()) if text)
        read.update(ident.arxiv_id for ident in find_identifiers(cited))
    named = " ".join(p.message for p in digest.problems)
    reported: set[str] = set()
    for ident in all_ids:
        if ident.arxiv_id in read or ident.arxiv_id in reported or ident.arxiv_id in named:
            continue
        reported.add(ident.arxiv_id)
        digest.problems.append(Problem(ident.line + 1, f"arXiv {ident.arxiv_id} is not in any paper entry"))
    digest.identifiers_unread = len(reported)


def _is_field_item(lines: list[str], unit: Unit) -> bool:
    """A list item that is a field of a bigger entry (``- **URL**: ...``, ``- [PDF](...)``), not a paper."""
    rest = LIST_MARK.sub("", _QUOTE.sub("", lines[unit.start]).strip())
    if _ONLY_LINKS.match(rest) and unit.size <= 2:
        return True
    return bool(label_of(rest)) and not looks_like_authors(rest)


def _is_field_section(lines: list[str], unit: Unit) -> bool:
    """A sub-heading that names a field (``### Summary``, ``### 🔗 相关链接``)."""
    match = ATX_HEADING.match(lines[unit.start])
    return bool(match and exact_label_role(inline_text(match.group(2) or "")))


def _read_entries(lines: list[str], skip: list[bool], loose: list[Identifier], headings: list[Heading],
                  date: _dt.date | None, digest: Digest, table_lines: list[int]) -> None:
    units, md_headings = block_units(lines, skip, {ident.line for ident in loose})
    doc_title = next((start for start, level, _ in md_headings if level == 1), None)
    ids_at: dict[int, list[Identifier]] = {}
    for ident in loose:
        ids_at.setdefault(ident.line, []).append(ident)
    id_lines = sorted(ids_at)

    known: dict[tuple[int, int], list[str]] = {}
    field_items: dict[tuple[int, int], bool] = {}  # whether an item is a field: asked once per item

    def distinct(unit: Unit) -> list[str]:
        key = (unit.start, unit.end)
        if key not in known:
            found: list[str] = []
            for k in id_lines[bisect.bisect_left(id_lines, unit.start):bisect.bisect_left(id_lines, unit.end)]:
                for ident in ids_at[k]:
                    if ident.arxiv_id not in found:
                        found.append(ident.arxiv_id)
            known[key] = found
        return known[key]

    # Units of one kind and depth do not overlap: per group, a bisect finds the one holding a line.
    groups: dict[tuple[str, int, str], list[Unit]] = {}
    for unit in units:
        if unit.kind != "paragraph":
            groups.setdefault((unit.kind, unit.level, unit.tag), []).append(unit)
    indexed = []
    for members in groups.values():
        members.sort(key=lambda u: (u.start, -u.end))
        indexed.append((members, [u.start for u in members]))
    paragraphs = sorted((u for u in units if u.kind == "paragraph"), key=lambda u: u.start)
    paragraph_starts = [u.start for u in paragraphs]

    def holding(line: int) -> list[Unit]:
        found = []
        for members, starts in indexed:
            position = bisect.bisect_right(starts, line) - 1
            while position >= 0:
                unit = members[position]
                if unit.start <= line < unit.end:
                    found.append(unit)
                    break
                position -= 1
                if position >= 0 and members[position].end <= unit.start and members[position].end <= line:
                    break
        return found

    def paragraph_at(line: int) -> Unit | None:
        position = bisect.bisect_right(paragraph_starts, line) - 1
        if position >= 0 and paragraphs[position].start <= line < paragraphs[position].end:
            return paragraphs[position]
        return None

    def holds_table(unit: Unit) -> bool:
        """A section around table rows already read is a container of papers, never one paper."""
        position = bisect.bisect_left(table_lines, unit.start)
        return position < len(table_lines) and table_lines[position] < unit.end

    chosen: dict[tuple[int, int], tuple[Unit, Identifier]] = {}
    for ident in loose:
        chain = holding(ident.line)
        if len(chain) > 1:
            chain.sort(key=lambda u: (u.size, -u.start))
        entry: Unit | None = None
        for unit in chain:
            if unit.kind == "item":
                span = (unit.start, unit.end)
                if span not in field_items:
                    field_items[span] = _is_field_item(lines, unit)
                if field_items[span]:
                    continue
            if unit.kind == "html" and unit.tag in _FIELD_DETAILS:
                continue
            if unit.kind == "section" and (_is_field_section(lines, unit) or holds_table(unit) or (
                    unit.start == doc_title and len(distinct(unit)) > 1)):
                continue
            if unit.kind == "html" and unit.tag in ("div", "section") and unit.size <= 1:
                continue
            ids = distinct(unit)
            if len(ids) > 1 and unit.kind == "section" and ident.line != unit.start:
                head_ids = [i.arxiv_id for i in ids_at.get(unit.start, [])]
                if not head_ids:
                    continue  # a topic section: the entry is something smaller (a paragraph) or bigger
            entry = unit
            break
        if entry is None or (len(distinct(entry)) > 1 and entry.kind == "section" and ident.line != entry.start
                             and not ids_at.get(entry.start)):
            entry = paragraph_at(ident.line) or entry
        if entry is None:
            entry = paragraph_at(ident.line) or Unit("paragraph", ident.line, ident.line + 1)
        key = (entry.start, entry.end)
        if key not in chosen:
            chosen[key] = (entry, ident)
        elif entry.start == ident.line and chosen[key][1].line != entry.start:
            chosen[key] = (entry, ident)  # an id in the head line names the entry
    # An entry inside another entry of the same id is part of it.
    ordered = sorted(chosen.values(), key=lambda pair: (pair[0].start, -pair[0].end))
    kept: list[tuple[Unit, Identifier]] = []
    open_entries: list[tuple[Unit, Identifier]] = []  # kept entries that may still hold later ones
    for unit, ident in ordered:
        while open_entries and open_entries[-1][0].end <= unit.start:
            open_entries.pop()
        outer = next((u for u, i in reversed(open_entries) if u.start <= unit.start and unit.end <= u.end
                      and (i.arxiv_id == ident.arxiv_id or ident.arxiv_id in distinct(u))), None)
        if outer is None:
            kept.append((unit, ident))
            open_entries.append((unit, ident))
    _entries_without_id(lines, units, kept, distinct, digest)
    md_heads = [(start, level, text) for start, level, text in md_headings]
    head_dates = _dates_in_effect(md_heads)
    parents = _parents(md_heads)
    topic_names = _topic_names(md_heads)
    entry_heads = {unit.start for unit, _ in kept if unit.kind == "section"}
    for unit, ident in kept:
        if unit.kind == "paragraph" and not _PARAGRAPH_ENTRY.match(lines[unit.start]):
            continue  # prose that mentions a paper: reported as an identifier in no entry
        end = unit.end
        while end > unit.start + 1 and not lines[end - 1].strip():
            end -= 1
        record = Entry(unit.kind, unit.start, lines[unit.start:end], ident.arxiv_id, ident.version)
        result = read_entry(record, digest.problems)
        if isinstance(result, Problem):
            digest.problems.append(result)
            continue
        result.topic = _md_topic(md_heads, parents, topic_names, doc_title, unit, entry_heads)
        position = bisect.bisect_left(md_heads, (unit.start,))
        result.date = result.date or (head_dates[position - 1] if position else None) or date
        digest.papers.append(result)
        name = _LAYOUT.get(unit.kind, unit.kind)
        if name not in digest.layouts:
            digest.layouts.append(name)


def _entries_without_id(lines: list[str], units: list[Unit], kept: list[tuple[Unit, Identifier]],
                        distinct: Callable[[Unit], list[str]], digest: Digest) -> None:
    """A heading like the entries' headings, with author or link fields but no identifier, is a
    paper that cannot be linked: say so at its line."""
    levels = {unit.level for unit, _ in kept if unit.kind == "section"}
    for unit in units:
        if unit.kind != "section" or unit.level not in levels or distinct(unit):
            continue
        if {"authors", "pdf", "id"} & field_roles(lines[unit.start + 1:unit.end]):
            match = ATX_HEADING.match(lines[unit.start])
            title = clean_title((match.group(2) or "") if match else lines[unit.start])
            digest.problems.append(Problem(unit.start + 1, f"entry {title!r} has no arXiv id or arxiv.org link; skipped"))


def _parents(heads: list[tuple[int, int, str]]) -> list[int]:
    """For each heading, the index of the nearest heading above it with a smaller level (-1: none)."""
    parents: list[int] = []
    stack: list[int] = []
    for k, (_, level, _) in enumerate(heads):
        while stack and heads[stack[-1]][1] >= level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(k)
    return parents


def _topic_names(heads: list[tuple[int, int, str]]) -> list[str | None]:
    """For each heading, its text as a topic, or None when it is empty or a date (computed once:
    every entry under a heading asks for it)."""
    names: list[str | None] = []
    for _, _, text in heads:
        shown = clean_title(text)
        names.append(shown if shown and not is_date_text(shown) else None)
    return names


def _md_topic(heads: list[tuple[int, int, str]], parents: list[int], names: list[str | None], first_h1: int | None,
              unit: Unit, entry_heads: set[int]) -> str | None:
    """The nearest heading above the entry that is not a date, not a paper and not the file's title
    (``names``: from :func:`_topic_names`; ``first_h1``: the line of the first level-1 heading)."""
    level = unit.level if unit.kind == "section" else 7
    k = bisect.bisect_left(heads, (unit.start,)) - 1
    while k >= 0:
        start, lvl, _ = heads[k]
        if lvl >= level or start in entry_heads:
            k = parents[k]  # jumps over the sections of the same or a deeper level
            continue
        level = lvl
        shown = names[k]
        if shown:
            return None if lvl == 1 and start == first_h1 else shown
        k = parents[k]
    return None


def _dates_in_effect(heads: list[tuple[int, int, str]]) -> list[_dt.date | None]:
    """For each heading, the date of the nearest date heading at or above it (``## 2025-09-19``)."""
    dates: list[_dt.date | None] = []
    current = None
    for _, _, text in heads:
        shown = inline_text(text)
        if is_date_text(shown):
            current = parse_date(shown)
        dates.append(current)
    return dates


def _heading_context(headings: list[Heading]) -> tuple[list[str | None], list[_dt.date | None]]:
    """For each heading, the topic and the date in effect from it on (for table rows): the nearest
    heading of level 2 or deeper that is not a date, and the nearest date heading."""
    topics: list[str | None] = []
    dates: list[_dt.date | None] = []
    topic, current = None, None
    for heading in headings:
        if is_date_text(heading.text):
            current = parse_date(heading.text)
        elif heading.level >= 2:
            topic = heading.text  # as written, like the table's cells
        topics.append(topic)
        dates.append(current)
    return topics, dates
