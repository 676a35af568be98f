"""Markdown pipe tables, including the rows digest bots write across several physical lines.

A GFM table row ends at the newline; digest bots instead put whole multi-paragraph abstracts in a
cell, so here a row ends at the line that closes it with an unescaped ``|``. A row that is never
closed is reported and re-read line by line, so that one broken row cannot swallow its neighbours.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from ..model import Problem
from .clean import find_arxiv_id
from .dates import parse_date
from .identifiers import find_identifiers
from .labels import classify_header, is_paper_header
from .lines import FenceTracker, ReadResult
from .table_rows import row_to_paper

__all__ = ["cells_at", "guess_roles", "is_delimiter_row", "pipe_positions", "read_pipe_tables", "split_cells"]

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def is_delimiter_row(line: str) -> bool:
    """The ``|---|:--:|`` line under a table header."""
    return "-" in line and bool(_DELIMITER.match(line))


_PIPE = re.compile(r"\|")
#: What matters when looking for separating pipes: an escape, a run of backticks, a pipe.
_PIPE_TOKENS = re.compile(r"\\.|`+|\|", re.S)


@lru_cache(maxsize=16)
def _closing_run(length: int) -> re.Pattern[str]:
    """A run of exactly ``length`` backticks: what closes a code span opened by as many."""
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


def pipe_positions(text: str, code_spans: bool = True) -> list[int]:
    """Offsets of the pipes that separate cells: not escaped, not inside a code span.

    Scans token by token with regular expressions (not character by character): this is the
    parser's hot loop, run on every line of every table.
    """
    if "|" not in text:
        return []
    if "\\" not in text and ("`" not in text or not code_spans):
        return [match.start() for match in _PIPE.finditer(text)]
    positions: list[int] = []
    pos = 0
    while match := _PIPE_TOKENS.search(text, pos):
        token = match.group()
        pos = match.end()
        if token == "|":
            positions.append(match.start())
        elif token[0] == "`" and code_spans:
            close = _closing_run(len(token)).search(text, pos)
            if close:
                pos = close.end()
    return positions


def _split_at(text: str, pipes: list[int]) -> list[str]:
    bounds = [-1, *pipes, len(text)]
    cells = [text[bounds[k] + 1 : bounds[k + 1]] for k in range(len(bounds) - 1)]
    if pipes and pipes[0] == 0:
        cells = cells[1:]
    if pipes and pipes[-1] == len(text) - 1 and text:
        cells = cells[:-1]
    return [cell.replace("\\|", "|").strip() for cell in cells]


def split_cells(row: str, width: int | None = None) -> list[str]:
    """The raw cells of a row (outer pipes optional), with ``\\|`` turned back into ``|``.

    Pipes inside a code span (`` `a|b` ``) do not split, as digests write them; but when that gives
    the wrong number of cells and splitting at every unescaped pipe (GFM's rule) gives ``width``,
    the backticks were stray ones (`` a`b | c`d ``) and GFM's cells are returned.
    """
    text = row.strip()
    cells = _split_at(text, pipe_positions(text))
    if width is not None and len(cells) != width and "`" in text:
        plain = _split_at(text, pipe_positions(text, code_spans=False))
        if len(plain) == width:
            return plain
    return cells


def cells_at(row: str, pipes: list[int]) -> list[str]:
    """:func:`split_cells` of a row without backticks whose separating pipes were found line by
    line (``pipes``: offsets in ``row``): without code spans no pipe depends on an earlier line, so
    the row need not be scanned again."""
    lead = len(row) - len(row.lstrip())
    return _split_at(row.strip(), [pipe - lead for pipe in pipes])


def _closes_row(line: str, pipes: list[int]) -> bool:
    """A row is complete at a line ending with a separating pipe (``pipes``: that line's pipes)."""
    return bool(pipes) and pipes[-1] == len(line.rstrip()) - 1


def _has_pipe(line: str) -> bool:
    return "|" in line and bool(pipe_positions(line))


def read_pipe_tables(lines: list[str], start: int, default_date: _dt.date | None) -> ReadResult:
    """Every paper row of every paper table in ``lines[start:]``; other tables are skipped.

    Tables are found before anything else (fences are followed here, outside tables only), so that
    a cell line looking like a code fence or a heading is read as cell text. Papers get no topic
    here: the caller knows the headings once the table rows are known.
    """
    result = ReadResult()
    count = len(lines)
    fences = FenceTracker()
    i = start
    while i < count:
        in_fence = fences.feed(lines[i])
        if in_fence or not _has_pipe(lines[i]):
            i += 1
            continue
        first = i
        if i + 1 < count and is_delimiter_row(lines[i + 1]):
            headers = split_cells(lines[i])
            roles = [classify_header(h) for h in headers]
            i += 2
            if not is_paper_header(roles):
                end = i
                while end < count and lines[end].strip() and _has_pipe(lines[end]):
                    end += 1
                rows = [split_cells(lines[k], len(headers)) for k in range(i, end)]
                if not any(find_identifiers(lines[k]) for k in range(i, end)):
                    result.consumed.update(range(first, end))
                    i = end
                    continue
                roles = guess_roles(rows, roles)
            result.found = True
            _layout(result, "pipe table")
            i = _read_rows(lines, i, headers, roles, default_date, result)
        elif lines[i].lstrip().startswith("|") and (i == start or not lines[i - 1].strip()):
            end = i
            while end < count and lines[end].lstrip().startswith("|") and not is_delimiter_row(lines[end]):
                end += 1
            rows = [split_cells(lines[k]) for k in range(i, end)]
            if not any(find_identifiers(lines[k]) or any(find_arxiv_id(c) for c in row)
                       for k, row in enumerate(rows, start=i)):
                i += 1
                continue
            width = max(len(row) for row in rows)
            headers = [""] * width
            roles = guess_roles([row for row in rows if len(row) == width], [None] * width)
            if "title" not in roles or not any(r in roles for r in ("id", "pdf")):
                i += 1
                continue
            result.found = True
            _layout(result, "pipe table without header")
            i = _read_rows(lines, i, headers, roles, default_date, result)
        else:
            i += 1
            continue
        result.consumed.update(range(first, i))
    return result


def _layout(result: ReadResult, name: str) -> None:
    if name not in result.layouts:
        result.layouts.append(name)


_NUMBER = re.compile(r"^\s*\d+\s*[.)]?\s*$")


def guess_roles(rows: list[list[str]], roles: list[str | None]) -> list[str | None]:
    """Roles for columns no header names, from what the cells hold: ids, dates, numbers, code links;
    the text columns left are, in order, title, authors and abstract."""
    roles = list(roles)
    width = len(roles)
    for column in range(width):
        if roles[column]:
            continue
        values = [row[column] for row in rows if column < len(row) and row[column].strip()]
        if not values:
            continue
        half = (len(values) + 1) // 2
        if sum(bool(find_arxiv_id(v)) for v in values) >= half and "pdf" not in roles and "id" not in roles:
            roles[column] = "pdf"
        elif sum(bool(_NUMBER.match(v)) for v in values) >= half:
            roles[column] = "number"
        elif sum(bool(parse_date(v)) and len(v) < 40 for v in values) >= half and "date" not in roles:
            roles[column] = "date"
        elif sum(v.strip("* ").casefold() == "null" or (v.strip("* ").startswith(("[", "http", "<"))
                 and "github.com" in v and len(v) < 200) for v in values) >= half:
            roles[column] = "code"
    for role in ("title", "authors", "abstract"):
        if role in roles:
            continue
        free = [k for k in range(width) if roles[k] is None]
        if not free:
            break
        roles[free[0]] = role
    return roles


def _read_rows(
    lines: list[str], i: int, headers: list[str], roles: list[str | None], default_date: _dt.date | None,
    result: ReadResult,
) -> int:
    """Read the rows of one table from line ``i``; return the index of the first line after it.

    Linear in the table's size: each line is scanned once per row it belongs to, and once a row
    has run to the end of the file unclosed, later rows are read as single lines (none can close).
    """
    count, width = len(lines), len(headers)
    unclosed_from = count  # set when a row ran to the end of the file without closing
    while i < count:
        pipes = pipe_positions(lines[i].rstrip())  # one scan: a blank line has none either
        if not pipes or is_delimiter_row(lines[i]):
            break
        first = i
        closed = len(pipes) >= 2 and _closes_row(lines[i], pipes)
        leading = lines[i].lstrip().startswith("|")
        cells_so_far = len(pipes) + 1 - leading
        row_pipes = list(pipes)  # offsets in the joined row, for _cells_at
        offset = len(lines[i]) + 1
        while not closed and first < unclosed_from:
            nxt = i + 1
            # A new row starting while this one already has all its cells: this row just
            # lacked its closing pipe (allowed by GFM).
            if nxt >= count or (lines[nxt].lstrip().startswith("|") and cells_so_far >= width):
                break
            i = nxt
            line_pipes = pipe_positions(lines[i].rstrip())
            cells_so_far += len(line_pipes)
            closed = _closes_row(lines[i], line_pipes)
            row_pipes.extend(offset + pipe for pipe in line_pipes)
            offset += len(lines[i]) + 1
        row = "\n".join(lines[first : i + 1])
        cells = split_cells(row, width) if "`" in row else cells_at(row, row_pipes)
        unclosed = not closed and len(cells) != width
        if unclosed:
            result.problems.append(Problem(first + 1, "table row is never closed with '|'; read as one line"))
            if i + 1 >= count:
                unclosed_from = min(unclosed_from, first)
            i = first
            cells = split_cells(lines[first], width)
        i += 1
        _add_row(cells, first + 1, headers, roles, default_date, result, report_width=not unclosed)
    return i


def _add_row(
    cells: list[str], line: int, headers: list[str], roles: list[str | None], default_date: _dt.date | None,
    result: ReadResult, *, report_width: bool = True,
) -> None:
    width = len(headers)
    if len(cells) != width:
        if report_width:
            result.problems.append(Problem(line, f"table row has {len(cells)} cells, the header has {width}"))
        if len(cells) > width:  # an unescaped pipe inside the last cell: keep its text
            cells = [*cells[: width - 1], " | ".join(cells[width - 1 :])]
        else:
            cells = cells + [""] * (width - len(cells))
    outcome = row_to_paper(
        list(zip(roles, headers, cells, strict=True)), line, default_date=default_date,
        problems=result.problems,
    )
    if isinstance(outcome, Problem):
        result.problems.append(outcome)
    else:
        result.papers.append(outcome)
