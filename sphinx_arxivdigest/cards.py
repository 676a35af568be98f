"""``Paper`` -> sphinx-design node trees: the grid, and the card as builders other than HTML see it.

Nodes are built directly (no card markup is generated and re-parsed) in the shapes sphinx-design's
own ``grid``/``grid-item-card``/``dropdown`` directives produce, so LaTeX, text, man and texinfo
writers render them as sphinx-design's own. HTML builders write each card in one piece instead
(:mod:`.card_node`), the grid around it staying these nodes.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from .card_html import CARD_CLASSES, AbstractMode
from .inline import markdown_to_inline_nodes, markdown_to_nodes
from .messages import _
from .model import Paper, is_web_url

__all__ = ["AbstractMode", "build_card", "build_grid", "grid_item"]

_BUTTON = ["sd-sphinx-override", "sd-btn", "sd-btn-sm", "sd-text-wrap", "arxiv-paper-button"]


def _text(text: str, classes: list[str]) -> nodes.inline:
    return nodes.inline(text, text, classes=classes)


def _joined(parent: nodes.Element, children: list[nodes.Node]) -> nodes.Element:
    """Children separated by " · ", which keeps text and LaTeX output readable (HTML cards, written by
    :mod:`.card_html`, space their badges and buttons with CSS instead)."""
    for index, child in enumerate(children):
        if index:
            parent += nodes.inline(" · ", " · ", classes=["arxiv-sep"])
        parent += child
    return parent


def _button(label: str, url: str, kind: str, outline: bool = True) -> nodes.reference:
    style = "sd-btn-outline-primary" if outline else "sd-btn-primary"
    return nodes.reference(
        "", label, refuri=url, classes=[*_BUTTON, style, f"arxiv-paper-{kind}"], reftitle=label
    )


def _authors(paper: Paper) -> str:
    names = ", ".join(paper.authors)
    if paper.authors_truncated:
        names = f"{names} {_('et al.')}" if names else _("et al.")
    return names


def _header(paper: Paper) -> nodes.container:
    title = nodes.paragraph(classes=["sd-card-title", "arxiv-paper-title"])
    link = nodes.reference("", "", refuri=paper.abs_url, classes=["arxiv-paper-title-link"])
    link.extend(markdown_to_inline_nodes(paper.title))
    title += link

    meta = nodes.paragraph(classes=["arxiv-paper-meta"])
    if paper.authors:
        meta += _text(_authors(paper), ["arxiv-paper-authors"])
    badges = [_text(f"arXiv:{paper.versioned_id}", ["sd-badge", "arxiv-paper-id"])]
    if paper.date:
        badges.append(_text(paper.date.isoformat(), ["sd-badge", "arxiv-paper-date"]))
    if paper.topic:
        badges.append(_text(paper.topic, ["sd-badge", "arxiv-paper-topic"]))
    header = create_component("card-header", ["sd-card-header", "arxiv-paper-header"])
    header += title
    if paper.title_translation:
        translation = nodes.paragraph(classes=["arxiv-title-translation"])
        translation.extend(markdown_to_inline_nodes(paper.title_translation))
        header += translation
    if len(meta):
        header += meta
    header += _joined(nodes.paragraph(classes=["arxiv-paper-badges"]), badges)
    return header


def _abstract(paper: Paper, mode: AbstractMode) -> list[nodes.Node]:
    if mode == "none" or not paper.abstract.strip():
        return []
    body = markdown_to_nodes(paper.abstract)
    for child in body:
        if isinstance(child, nodes.paragraph):
            child["classes"].append("sd-card-text")
    if mode == "full":
        return [nodes.container("", *body, classes=["arxiv-paper-abstract"])]
    label = _("Abstract")
    dropdown = create_component(
        "dropdown",
        opened=False,
        type="dropdown",
        has_title=True,
        icon=None,
        chevron=None,
        container_classes=["sd-mb-0", "arxiv-paper-abstract"],
        title_classes=["arxiv-paper-abstract-title"],
        body_classes=[],
    )
    dropdown += nodes.rubric(label, label)
    dropdown.extend(body)
    return [dropdown]


def _footer(paper: Paper) -> nodes.container:
    footer = create_component("card-footer", ["sd-card-footer", "arxiv-paper-links"])
    links = []
    if is_web_url(paper.pdf_url):
        links.append(_button(_("PDF"), paper.pdf_url, "pdf", outline=False))
    if is_web_url(paper.abs_url):
        links.append(_button(_("arXiv"), paper.abs_url, "abs"))
    if paper.code_url and is_web_url(paper.code_url):
        links.append(_button(_("Code"), paper.code_url, "code"))
    footer += _joined(nodes.paragraph(classes=["arxiv-paper-buttons"]), links)
    return footer


def build_card(
    paper: Paper, *, abstract: AbstractMode = "collapsed", classes: Iterable[str] = (), card_id: str = "",
) -> nodes.container:
    """One paper's card: header (title, authors, badges), abstract, footer (PDF and arXiv buttons;
    the BibTeX entries are in ``papers.bib``)."""
    card = create_component(
        "card",
        [*CARD_CLASSES, *classes],
        ids=[card_id or paper.anchor],
    )
    card += _header(paper)
    body_children = _abstract(paper, abstract)
    if body_children:
        body = create_component("card-body", ["sd-card-body", "arxiv-paper-body"])
        body.extend(body_children)
        card += body
    if paper.summary.strip():
        summary = create_component("card-body", ["sd-card-body", "arxiv-summary"])
        label = nodes.paragraph(classes=["arxiv-summary-label"])
        label += nodes.strong(_("Summary"), _("Summary"))
        summary += label
        summary.extend(markdown_to_nodes(paper.summary))
        card += summary
    card += _footer(paper)
    return card


def grid_item(card: nodes.Node) -> nodes.container:
    """A grid column holding one card."""
    item = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
    item += card
    return item


def build_grid(items: Iterable[nodes.Node], columns: int = 2) -> nodes.container:
    """A responsive sphinx-design grid: one card per row on phones, ``columns`` on wide screens.
    ``items`` are its columns: :func:`grid_item` or :class:`~.card_node.arxiv_card` nodes."""
    row_classes = row_columns_option(f"1 1 {min(columns, 2)} {columns}") + gutter_option("3")
    row = create_component("grid-row", ["sd-row", *row_classes])
    row.extend(items)
    grid = create_component(
        "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "arxiv-digest"]
    )
    grid += row
    return grid
