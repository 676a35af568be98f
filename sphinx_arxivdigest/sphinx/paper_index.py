"""The table ``arxiv-index`` shows: one row per indexed paper, linking to its card and its page."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

from .domain import PaperEntry
from .messages import _

__all__ = ["index_table"]


def _xref(target: str, text: str, docname: str, *, domain: str = "arxiv", reftype: str = "paper") -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain=domain, reftype=reftype, reftarget=target,
        refexplicit=bool(text), refdoc=docname, refwarn=True,
    )
    return ref


def index_table(
    rows: Sequence[PaperEntry], docname: str, listings: dict[str, list[PaperEntry]] | None = None
) -> nodes.table:
    """One row per paper (its first listing's entry, which holds what the row shows); its "Page" cell links every page that lists it (the first first)."""
    headers = [_("Date"), _("Title"), _("First author"), _("Page")]
    table = nodes.table(classes=["arxiv-index"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (12, 52, 18, 18):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(h, h)) for h in headers))
    group += head
    body = nodes.tbody()
    group += body
    for entry in rows:
        cells = [
            nodes.paragraph(entry.date, entry.date),
            nodes.paragraph("", "", _xref(entry.arxiv_id, entry.title, docname)),
            nodes.paragraph(entry.first_author, entry.first_author),
            _pages(listings.get(entry.arxiv_id, [entry]) if listings else [entry], docname),
        ]
        body += nodes.row("", *(nodes.entry("", cell) for cell in cells))
    return table


def _pages(entries: Sequence[PaperEntry], docname: str) -> nodes.paragraph:
    cell = nodes.paragraph()
    for number, entry in enumerate(entries):
        if number:
            cell += nodes.Text(", ")
        cell += _xref("/" + entry.docname, "", docname, domain="std", reftype="doc")
    return cell
