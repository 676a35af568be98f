"""Digests that give each paper its own heading instead of a table row.

Two real shapes: ``### [Title](http://arxiv.org/abs/...)`` followed by an author line and an abstract
in ``<details>``, and ``# Title`` followed by ``**Authors**:``/``**Link**:``/``**Abstract**:`` fields.
Everything returned is plain text or markdown; HTML tags are dropped, never kept.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from . import columns
from .blocks import Heading, ReadResult
from .model import ARXIV_URL_RE, Paper, Problem

__all__ = ["read_heading_entries"]

# ``**Name**: value`` or ``**Name:** value`` (also with a full-width colon, or as a list item).
_FIELD = re.compile(r"^ {0,3}(?:[-*+] +)?\*\*(?P<name>[^*:：\n]+?)\s*(?:\*\*\s*[:：]|[:：]\s*\*\*)\s*(?P<value>.*?)\s*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_DETAILS = re.compile(r"<details\b[^>]*>(?P<body>.*?)(?:</details\s*>|\Z)", re.I | re.S)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<label>.*?)</summary\s*>", re.I | re.S)
_ABSTRACT_LABEL = re.compile(r"abstract|summary|tl;?dr|摘要|概要", re.I)
_PARA_TAG = re.compile(r"</?(?:p|br)\b", re.I)
# Real tags and comments only, so that "p < 0.05 and q > 1" survives.
_TAG = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>", re.S)
_DANGLING = re.compile(r"<[A-Za-z/!][^>]*$")  # a tag left open at the end of a line
_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK_ROLES = ("pdf", "id")


def _plain(line: str) -> str:
    """A line without HTML tags and surrounding whitespace (indentation would make a code block)."""
    return _DANGLING.sub("", _TAG.sub("", line)).strip()


@dataclass(slots=True)
class _Field:
    name: str
    role: str | None
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Lines stripped (so indentation never makes a code block), paragraphs kept."""
        paragraphs, current = [], []
        for line in [*self.lines, ""]:
            if _plain(line):
                current.append(_plain(line))
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        return "\n\n".join(paragraphs)

    def flat(self) -> str:
        return " ".join(self.text().split())


@dataclass(slots=True)
class _Block:
    fields: list[_Field] = field(default_factory=list)
    author_line: str | None = None
    details_abstract: str = ""

    def first(self, role: str) -> _Field | None:
        return next((f for f in self.fields if f.role == role), None)


def _details_abstract(text: str) -> str:
    """Text after an ``<summary>Abstract</summary>``, tags removed, lines stripped, paragraphs kept."""
    for match in _DETAILS.finditer(text):
        summary = _SUMMARY.search(match["body"])
        if not summary or not _ABSTRACT_LABEL.search(_TAG.sub("", summary["label"])):
            continue
        body = _Field("abstract", "abstract")
        for line in match["body"][summary.end():].split("\n"):
            plain = _plain(line)
            if plain or not line.strip() or _PARA_TAG.search(line):
                body.lines.append(plain)
        return body.text()
    return ""


def _parse_block(lines: list[str]) -> _Block:
    """Fields, the author line and the ``<details>`` abstract of the lines under one heading."""
    block, current, in_details, seen_html = _Block(), None, 0, False
    for line in lines:
        stripped = line.strip()
        if _BREAK.match(line):
            break  # entries are separated by ``---``
        opened, closed = len(re.findall(r"<details\b", line, re.I)), len(re.findall(r"</details\s*>", line, re.I))
        if in_details or stripped.startswith("<") or opened:
            in_details = max(0, in_details + opened - closed)
            current, seen_html = None, True
            continue
        match = _FIELD.match(line)
        if match:
            current = _Field(match["name"].strip(), columns.classify_header(match["name"]), [match["value"]])
            block.fields.append(current)
        elif not stripped:
            if current is not None and current.role == "abstract":
                current.lines.append("")
            else:
                current = None
        elif current is not None:
            current.lines.append(stripped)
        elif block.author_line is None and not seen_html and not block.first("abstract"):
            block.author_line = stripped
    block.details_abstract = _details_abstract("\n".join(lines))
    return block


def _title(heading_text: str) -> str:
    """Heading text without link markup or tags."""
    return columns.cell_text(_plain(_MD_LINK.sub(lambda m: m.group(1), heading_text)))


def _topic(headings: list[Heading], position: int) -> str | None:
    """The nearest enclosing heading (level 2 or deeper; level 1 titles the digest)."""
    level = headings[position].level
    for heading in reversed(headings[:position]):
        if heading.level < level:
            return heading.text if heading.level >= 2 else None
    return None


def _is_entry(heading_line: str, block: _Block) -> bool:
    """An arxiv.org link in the heading, or a link/id or authors field under it, marks a paper."""
    if ARXIV_URL_RE.search(heading_line):
        return True
    return any(f.role in (*_LINK_ROLES, "authors") for f in block.fields)


def _find_id(heading_line: str, block: _Block) -> tuple[str, int | None] | None:
    """Heading link first, then id/link fields (bare ids allowed), then arxiv.org URLs in other fields."""
    found = columns.find_arxiv_id(heading_line, bare=False)
    for f in block.fields:
        if not found and f.role in _LINK_ROLES:
            found = columns.find_arxiv_id(f.flat())
    for f in block.fields:
        if not found and f.role != "abstract":
            found = columns.find_arxiv_id(f.flat(), bare=False)
    return found


def _paper(heading: Heading, line: str, block: _Block, topic: str | None,
           default_date: _dt.date | None, problems: list[Problem]) -> Paper | Problem:
    found = _find_id(line, block)
    title_field = block.first("title")
    title = title_field.flat() if title_field else _title(heading.text)
    if not found:
        return Problem(heading.index + 1, f"entry {title!r} has no arXiv id or arxiv.org link; skipped")
    if not title:
        return Problem(heading.index + 1, f"entry for {found[0]} has no title; skipped")
    urls = {"abs": "", "pdf": "", "code": ""}
    heading_url = ARXIV_URL_RE.search(line)
    candidates = [heading_url.group(0)] if heading_url else []
    candidates += [columns.web_link(f.flat(), f.name, heading.index + 1, problems)
                   for f in block.fields if f.role in _LINK_ROLES]
    for url in filter(None, candidates):
        kind = "abs" if "/abs/" in url else "pdf"
        urls[kind] = urls[kind] or url
    authors_field = block.first("authors")
    authors, truncated = columns.split_authors(
        authors_field.flat() if authors_field else _plain(block.author_line or ""))
    abstract_field = block.first("abstract")
    date, extra = None, {}
    used = {id(f) for f in (title_field, authors_field, abstract_field) if f is not None}
    for f in block.fields:
        if id(f) in used or f.role in ("number", *_LINK_ROLES):
            continue
        value = columns.cell_text(f.flat())
        if f.role == "code" and not urls["code"]:
            urls["code"] = columns.web_link(value, "code", heading.index + 1, problems)
        elif f.role == "date" and date is None and columns.parse_date(value):
            date = columns.parse_date(value)
        elif value:
            extra.setdefault(f.name, value)
    return Paper(
        arxiv_id=found[0], version=found[1], title=title, authors=authors, authors_truncated=truncated,
        abstract=abstract_field.text() if abstract_field else block.details_abstract,
        pdf_url=urls["pdf"], abs_url=urls["abs"], code_url=urls["code"], date=date or default_date,
        topic=topic, line=heading.index + 1, extra=extra,
    )


def read_heading_entries(
    lines: list[str], start: int, headings: list[Heading], mask: list[bool], default_date: _dt.date | None
) -> ReadResult:
    """One paper per heading whose own text or fields point at arXiv; entry-like headings without an id are problems."""
    result = ReadResult()
    headings = [h for h in headings if h.index >= start and not mask[h.index]]

    def body(first: int, end: int) -> list[str]:
        return [lines[i] for i in range(first, end) if not mask[i]]

    # Whether a heading is an entry is decided on its own lines (up to the next heading of any level),
    # so that a ``## Topic`` above ``### entries`` never counts as a paper itself.
    ends = [h.index for h in headings[1:]] + [len(lines)]
    entries = [_is_entry(lines[h.index], _parse_block(body(h.index + 1, end))) for h, end in zip(headings, ends)]
    for position, heading in enumerate(headings):
        if not entries[position]:
            continue
        result.found = True
        end = next((h.index for k, h in enumerate(headings[position + 1:], position + 1)
                    if h.level <= heading.level or entries[k]), len(lines))
        block = _parse_block(body(heading.index + 1, end))
        paper = _paper(heading, lines[heading.index], block, _topic(headings, position), default_date,
                       result.problems)
        (result.papers if isinstance(paper, Paper) else result.problems).append(paper)
    return result
