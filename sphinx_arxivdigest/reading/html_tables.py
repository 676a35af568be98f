"""Raw HTML ``<table>`` paper lists in a markdown digest, whose ids may sit only in attributes or link slugs.

The stdlib HTML parser handles nesting, entities and attributes; the output is plain text (links become
markdown ``[text](href)`` so that the shared cell helpers can read them). No HTML is ever kept.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..model import Paper, Problem, parse_arxiv_id
from . import clean
from .labels import classify_header, is_paper_header
from .lines import Heading, ReadResult, topic_at
from .table_rows import row_to_paper

__all__ = ["read_html_tables"]

_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
# ``250809016v4-title.html`` -> 2508.09016v4 (a local page named after the paper).
_SLUG = re.compile(r"^(?P<yymm>\d{4})(?P<num>\d{4,5})(?:v(?P<v>\d+))?(?=[-_.]|$)")
# Interactive chrome and code: their text is not part of any cell's content.
_SKIPPED = {"script", "style", "button", "template", "noscript", "svg", "select", "textarea"}
_UNSAFE_HREF = re.compile(r"^\s*(?:javascript|data|vbscript):", re.I)
_ID_ATTRS = ("data-arxiv-id", "data-arxiv", "data-arxivid")
Triple = tuple[str | None, str, str]


@dataclass(slots=True)
class _Cell:
    tag: str
    span: int = 1
    md: list[str] = field(default_factory=list)  # text with links as markdown
    plain: list[str] = field(default_factory=list)  # text only
    tags: list[str] = field(default_factory=list)  # ``<span class="paper-tag">`` texts
    closed: bool = False

    def text(self, markdown: bool) -> str:
        text = " ".join("".join(self.md if markdown else self.plain).split())
        return ", ".join(self.tags) if self.tags and not text else text


@dataclass(slots=True)
class _Row:
    line: int  # 1-based line of the ``<tr>``
    head: bool
    cells: list[_Cell] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)  # every attribute met inside the row
    closed: bool = False


class _TableParser(HTMLParser):
    """Collects the rows and cells of every top-level table; nested tables become cell text."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self._first_line = first_line  # (not ``offset``: HTMLParser uses that name for the column)
        self.tables: list[list[_Row]] = []
        self._table: list[_Row] | None = None
        self._row: _Row | None = None
        self._cell: _Cell | None = None
        self._link: tuple[int, str] | None = None
        self._tag: list[str] | None = None
        self._tag_element = "span"
        self._nested, self._skip, self._head = 0, 0, False

    def close(self) -> None:
        """A tag or comment cut off by the end of the text is dropped (as browsers do), not kept as text."""
        if self.rawdata.startswith("<"):
            self.rawdata = ""
        super().close()

    def _close_row(self, row_too: bool = True) -> None:
        if self._cell is not None:
            self._cell.closed = True
        self._cell, self._link, self._tag = None, None, None
        if row_too and self._row is not None:
            self._row.closed, self._row = True, None

    def _open_row(self) -> _Row:
        assert self._table is not None, "rows are opened only inside a table"
        self._close_row()
        self._row = _Row(self._first_line + self.getpos()[0], self._head)
        self._table.append(self._row)
        return self._row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in _SKIPPED
        if tag == "table":
            self._nested += self._table is not None
            if self._table is None:
                self._table = []
                self.tables.append(self._table)
            return
        if self._table is None:
            return
        if self._nested:
            pass  # a nested table's text and attributes still belong to the enclosing cell and row
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_row()
            self._head = tag == "thead"
        elif tag == "tr":
            self._open_row()
        elif tag in ("td", "th"):
            row = self._row if self._row is not None else self._open_row()
            self._close_row(row_too=False)
            span = dict(attrs).get("colspan") or "1"
            self._cell = _Cell(tag, max(1, min(int(span), 50)) if span.isdigit() else 1)
            row.cells.append(self._cell)
        elif self._cell is not None:
            self._start_inline(self._cell, tag, dict(attrs))
        if self._row is not None:  # ids hide in attributes anywhere in the row
            self._row.attrs.extend((name, value) for name, value in attrs if value)

    def _start_inline(self, cell: _Cell, tag: str, attrs: dict[str, str | None]) -> None:
        href = attrs.get("href")
        if tag == "a" and href and not _UNSAFE_HREF.match(href):
            href = href.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            self._link = (len(cell.md), href)
        elif tag in ("span", "div") and self._tag is None and any(
                name in ("paper-tag", "paper-tags", "tags") for name in (attrs.get("class") or "").split()):
            self._tag, self._tag_element = [], tag
        elif tag in ("br", "p", "div", "li"):
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        self._skip = max(0, self._skip - (tag in _SKIPPED))
        if self._table is None:
            return
        if tag == "table":
            if not self._nested:
                self._close_row()
                self._table, self._head = None, False
            self._nested = max(0, self._nested - 1)
        elif self._nested:
            return
        elif tag in ("tr", "thead", "tbody", "tfoot", "td", "th"):
            self._close_row(row_too=tag not in ("td", "th"))
        elif tag == "a" and self._link is not None and self._cell is not None:
            start, href = self._link
            text = " ".join("".join(self._cell.md[start:]).split()) or "link"
            self._cell.md[start:] = ["[" + text.replace("[", r"\[").replace("]", r"\]") + f"]({href})"]
            self._link = None
        elif tag == self._tag_element and self._tag is not None and self._cell is not None:
            self._cell.tags.extend(filter(None, [" ".join("".join(self._tag).split())]))
            self._tag = None

    def handle_data(self, data: str) -> None:
        if not self._skip and self._cell is not None:
            for parts in [self._tag] if self._tag is not None else [self._cell.md, self._cell.plain]:
                parts.append(data)


def _regions(lines: list[str], start: int, mask: list[bool]) -> list[tuple[int, int]]:
    """Line ranges (inclusive, 0-based) from a ``<table`` to its ``</table>``, a code fence or the end."""
    regions, depth, first = [], 0, -1
    for index in range(start, len(lines) + 1):
        if index == len(lines) or mask[index]:  # a table cut off by a fence or the end
            if depth:
                regions.append((first, index - 1))
            depth = 0
            continue
        line = lines[index]
        if "<" in line:
            opened, closed = len(_TABLE_OPEN.findall(line)), len(_TABLE_CLOSE.findall(line))
        else:
            opened = closed = 0  # no tag on the line (most lines): no search
        if depth or opened:
            first = first if depth else index
            depth = max(0, depth + opened - closed)
            if not depth:
                regions.append((first, index))
    return regions


def _row_ids(row: _Row) -> tuple[str | None, str | None]:
    """(id of a ``data-arxiv-id`` attribute, id of an arxiv.org URL or a local slug in attributes)."""
    for name, value in row.attrs:
        if name in _ID_ATTRS and parse_arxiv_id(value):
            return value.strip(), None
    for name, value in row.attrs:
        found = clean.find_arxiv_id(value, bare=False)
        if found:
            return None, found[0] + (f"v{found[1]}" if found[1] else "")
        local = name == "href" and not re.match(r"^(?:[a-z][\w+.-]*:|//)", value, re.I)  # a page named after it
        match = local and _SLUG.match(value.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1])
        if match and 1 <= int(match["yymm"][2:]) <= 12:
            return None, f"{match['yymm']}.{match['num']}" + (f"v{match['v']}" if match["v"] else "")
    return None, None


def _header(table: list[_Row]) -> tuple[list[str | None], list[str], int]:
    """Roles and texts of the header row (expanded by colspan), and the index of the first data row."""
    for position, row in enumerate(table):
        if row.cells and (row.head or all(cell.tag == "th" for cell in row.cells)):
            texts = [cell.text(False) for cell in row.cells for _ in range(cell.span)]
            return [classify_header(text) for text in texts], texts, position + 1
        if row.cells:
            break
    return [], [], 0


def _triples(row: _Row, roles: list[str | None], texts: list[str]) -> tuple[list[Triple], _Cell | None]:
    """``(role, header, markdown text)`` per cell and the title cell (guessed when no header names it)."""
    triples: list[Triple] = []
    position, title = 0, None
    for cell in row.cells:
        role = roles[position] if position < len(roles) else None
        triples.append((role, texts[position] if position < len(texts) else "", cell.text(True)))
        title = title or (cell if role == "title" else None)
        position += cell.span
    if title is None:  # headerless table: the longest cell that is not a number or an id
        candidates = [(len(c.text(False)), i) for i, c in enumerate(row.cells) if triples[i][0] is None
                      and not c.text(False).isdigit() and not parse_arxiv_id(c.text(False))]
        if candidates:
            index = max(candidates)[1]
            _, header, text = triples[index]
            triples[index], title = ("title", header, text), row.cells[index]
    return triples, title


def _read_row(row: _Row, roles: list[str | None], texts: list[str], topic: str | None,
              default_date: _dt.date | None, problems: list[Problem]) -> Paper | Problem:
    """One data row as a paper; a ``data-arxiv-id`` wins over ids in the cells, slugs only fill a gap."""
    triples, title_cell = _triples(row, roles, texts)
    preferred, other = _row_ids(row)
    has_id_column = any(role == "id" and clean.find_arxiv_id(raw) for role, _, raw in triples)
    first: list[Triple] = [("id", "", preferred)] if preferred and not has_id_column else []
    result = row_to_paper(first + triples, row.line, topic=topic, default_date=default_date,
                                  problems=problems)
    if isinstance(result, Problem) and other and not first:
        result = row_to_paper([("id", "", other), *triples], row.line, topic=topic,
                                      default_date=default_date)
    if isinstance(result, Paper) and title_cell is not None and clean.cell_text(title_cell.text(False)):
        result.title = clean.cell_text(title_cell.text(False))  # plain text, without markdown escapes
    return result


def read_html_tables(lines: list[str], start: int, headings: list[Heading], mask: list[bool],
                     default_date: _dt.date | None) -> ReadResult:
    """Papers of every HTML table that lists papers; complete rows of a table cut off by the file end count."""
    result = ReadResult()
    for first, last in _regions(lines, start, mask):
        result.consumed.update(range(first, last + 1))
        parser = _TableParser(first_line=first)
        parser.feed("\n".join(lines[first:last + 1]))
        parser.close()
        for table in parser.tables:
            roles, texts, body = _header(table)
            rows = [row for row in table[body:] if any(cell.tag == "td" for cell in row.cells)]
            if not (is_paper_header(roles) or any(any(_row_ids(r)) for r in rows)
                    or any(clean.find_arxiv_id(c.text(True), bare=False) for r in rows for c in r.cells)):
                continue
            result.found = True
            if "HTML table" not in result.layouts:
                result.layouts.append("HTML table")
            for row in rows:
                if not row.closed and (len(row.cells) < len(roles) or not row.cells[-1].closed):
                    result.problems.append(Problem(row.line, "table row cut off before its end; skipped"))
                    continue
                paper = _read_row(row, roles, texts, topic_at(headings, row.line - 1), default_date, result.problems)
                if isinstance(paper, Paper):
                    result.papers.append(paper)
                else:
                    result.problems.append(paper)
    return result
