"""Table columns: which header means what, and how one row of cells becomes a :class:`Paper`.

Shared by the pipe-table and HTML-table readers so that both accept the same header synonyms and
the same cell conventions (bold markers, ``null``, links, bare ids).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence

from .model import ARXIV_ID_RE, ARXIV_URL_RE, Paper, Problem, is_web_url

__all__ = [
    "ROLES",
    "cell_text",
    "classify_header",
    "find_arxiv_id",
    "first_url",
    "is_paper_header",
    "parse_date",
    "row_to_paper",
    "split_authors",
    "web_link",
]

#: Column roles a header can have.
ROLES = ("title", "authors", "pdf", "abstract", "date", "code", "id", "number")

# Exact names (after normalisation) first, then substrings in order; the first match wins.
_EXACT: dict[str, str] = {
    "#": "number", "no": "number", "no.": "number", "num": "number", "序号": "number", "编号": "number",
    "paper": "title", "papers": "title", "name": "title", "title": "title", "标题": "title", "题目": "title",
    "论文": "title", "论文标题": "title", "名称": "title",
    "author": "authors", "authors": "authors", "first author": "authors", "作者": "authors",
    "pdf": "pdf", "link": "pdf", "links": "pdf", "url": "pdf", "arxiv": "pdf", "paper link": "pdf",
    "arxiv link": "pdf", "链接": "pdf", "论文链接": "pdf", "🔗": "pdf",
    "id": "id", "arxiv id": "id", "paper id": "id", "arxiv_id": "id", "arxiv-id": "id",
    "abstract": "abstract", "summary": "abstract", "tl;dr": "abstract", "tldr": "abstract",
    "摘要": "abstract", "总结": "abstract", "概要": "abstract", "简介": "abstract",
    "date": "date", "publish date": "date", "published": "date", "update date": "date",
    "submitted": "date", "日期": "date", "发布日期": "date", "发表日期": "date", "时间": "date",
    "code": "code", "repo": "code", "github": "code", "代码": "code", "源码": "code",
}
_CONTAINS: tuple[tuple[str, str], ...] = (
    ("abstract", "abstract"), ("摘要", "abstract"), ("summary", "abstract"), ("总结", "abstract"),
    ("author", "authors"), ("作者", "authors"),
    ("date", "date"), ("日期", "date"),
    ("code", "code"), ("代码", "code"),
    ("arxiv id", "id"),
    ("pdf", "pdf"), ("链接", "pdf"), ("link", "pdf"), ("url", "pdf"),
    ("title", "title"), ("标题", "title"), ("题目", "title"), ("paper", "title"),
)


def _normalise_header(text: str) -> str:
    text = re.sub(r"<[^>]*>", "", text)
    text = re.sub(r"[*_`]", "", text).strip()
    if text in _EXACT:  # keeps symbol-only headers such as "#" and "🔗"
        return text
    # Drop emoji and other symbols so "📄 Title" matches "title".
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith("S"))
    return re.sub(r"\s+", " ", kept).strip().casefold()


def classify_header(text: str) -> str | None:
    """The role of a column from its header text (any case, common synonyms, Chinese), or None."""
    name = _normalise_header(text)
    if name in _EXACT:
        return _EXACT[name]
    for needle, role in _CONTAINS:
        if needle in name:
            return role
    return None


def is_paper_header(roles: Sequence[str | None]) -> bool:
    """A table lists papers when it has a title column and somewhere to find an id."""
    return "title" in roles and any(r in roles for r in ("pdf", "id", "abstract", "authors"))


_NULLS = {"", "null", "none", "n/a", "na", "-", "--", "—", "无", "暂无"}
_WRAPPED_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$|^([*_])(.+)\3$", re.S)
# A destination may hold balanced parentheses (CommonMark), as Wikipedia URLs do.
_MD_LINK = re.compile(
    r"\[(?P<text>(?:\\.|[^\]\\])*)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\)"
)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]|\"']+")
_HREF = re.compile(r"""href\s*=\s*["']?(?P<url>[^"'\s>]+)""", re.I)


def cell_text(raw: str) -> str:
    """A cell's text with surrounding whitespace, wrapping bold/italic markers and ``null`` removed."""
    text = raw.strip()
    while True:
        match = _WRAPPED_EMPHASIS.match(text)
        if not match:
            break
        text = (match.group(2) or match.group(4)).strip()
    return "" if text.casefold() in _NULLS else text


def first_url(text: str) -> str:
    """The first link target in a cell: a markdown link, an ``href``, an autolink or a bare URL."""
    for pattern in (_MD_LINK, _HREF, _BARE_URL):
        match = pattern.search(text)
        if match:
            return match.group("url") if pattern is not _BARE_URL else match.group(0)
    return ""


def find_arxiv_id(text: str, *, bare: bool = True) -> tuple[str, int | None] | None:
    """The first arXiv id in text: from an arxiv.org URL, else (when ``bare``) a bare id."""
    match = ARXIV_URL_RE.search(text)
    if not match and bare:
        match = ARXIV_ID_RE.search(text)
    if not match:
        return None
    version = match.group("version")
    return match.group("id"), int(version) if version else None


_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})")


def parse_date(text: str) -> _dt.date | None:
    """A date written ``2025-03-19``, ``2025.03.19``, ``2025/3/19`` or ``2025年3月19日``; else None."""
    match = _DATE_RE.search(text)
    if not match:
        return None
    try:
        return _dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


_ET_AL = re.compile(r"[\s,]*(?:et\.?\s*al\.?|等人?)\s*$", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;，；、]|\band\b|&)\s*")


def split_authors(text: str) -> tuple[list[str], bool]:
    """Author names from a cell, and whether the list was cut short with "et al."."""
    text = cell_text(text)
    truncated = bool(_ET_AL.search(text))
    if truncated:
        text = _ET_AL.sub("", text)
    names = [cell_text(name) for name in _AUTHOR_SPLIT.split(text)]
    return [name for name in names if name], truncated


def web_link(cell: str, what: str, line: int, problems: list[Problem] | None = None) -> str:
    """The cell's first link when it is http(s); any other scheme is reported and not linked."""
    url = first_url(cell)
    if not url or is_web_url(url):
        return url
    if problems is not None:
        shown = url if len(url) <= 60 else url[:57] + "..."
        problems.append(Problem(line, f"{what} link {shown!r} is not http(s); it is not linked"))
    return ""


def _strip_link(text: str) -> str:
    """Link markup around a title (``[Title](url)``) is dropped, keeping the text."""
    return cell_text(_MD_LINK.sub(lambda m: m.group("text"), text))


def row_to_paper(
    cells: Sequence[tuple[str | None, str, str]], line: int, *, topic: str | None = None,
    default_date: _dt.date | None = None, problems: list[Problem] | None = None,
) -> Paper | Problem:
    """Turn ``(role, header, raw cell)`` triples into a paper, or a problem saying what is missing.

    Lesser problems (a link that is not http(s)) are appended to ``problems`` and the paper is kept.
    """
    by_role: dict[str, str] = {}
    extra: dict[str, str] = {}
    for role, header, raw in cells:
        if role and not cell_text(by_role.get(role, "")):  # the first non-empty column of a role wins
            by_role[role] = raw
        elif role != "number":
            value = cell_text(raw)
            if value:
                extra[header.strip() or f"column {len(extra) + 1}"] = value
    title = _strip_link(by_role.get("title", ""))
    found = None
    for role in ("id", "pdf", "title", "abstract"):
        if role in by_role:
            found = find_arxiv_id(by_role[role], bare=role in ("id", "pdf"))
            if found:
                break
    if not found:
        found = find_arxiv_id(" ".join(raw for _, _, raw in cells), bare=False)
    if not found:
        return Problem(line, "row has no arXiv id or arxiv.org link; skipped")
    if not title:
        return Problem(line, f"row for {found[0]} has no title; skipped")
    arxiv_id, version = found
    pdf_url = web_link(by_role.get("pdf", ""), "PDF", line, problems)
    authors, truncated = split_authors(by_role.get("authors", ""))
    date = parse_date(cell_text(by_role.get("date", ""))) or default_date
    return Paper(
        arxiv_id=arxiv_id,
        version=version,
        title=title,
        authors=authors,
        authors_truncated=truncated,
        abstract=cell_text(by_role.get("abstract", "")),
        pdf_url=pdf_url,
        code_url=web_link(by_role.get("code", ""), "code", line, problems),
        date=date,
        topic=topic,
        line=line,
        extra=extra,
    )
