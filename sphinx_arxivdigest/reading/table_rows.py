"""One table row (pipe or HTML) -> :class:`Paper`: cells by column role, the same rules for both."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from ..model import Paper, Problem
from .clean import MD_LINK, cell_text, find_arxiv_id, split_authors, web_link
from .dates import parse_date

__all__ = ["row_to_paper"]


def _strip_link(text: str) -> str:
    """Link markup around a title (``[Title](url)``) is dropped, keeping the text."""
    return cell_text(MD_LINK.sub(lambda m: m.group("text"), text))


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
        summary=cell_text(by_role.get("summary", "")),
        pdf_url=pdf_url,
        code_url=web_link(by_role.get("code", ""), "code", line, problems),
        date=date,
        topic=topic,
        line=line,
        extra=extra,
    )
