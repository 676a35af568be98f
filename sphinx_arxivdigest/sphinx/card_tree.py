"""A card description -> sphinx-design node trees: the grid, and the card as builders other than HTML see it.

Nodes are built directly (no card markup is generated and re-parsed) in the shapes sphinx-design's
own ``grid``/``grid-item-card``/``dropdown`` directives produce, so LaTeX, text, man and texinfo
writers render them as sphinx-design's own. HTML builders write each card in one piece instead
(:mod:`.card_node`), the grid around it staying these nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx_design.grids import gutter_option, row_columns_option
from sphinx_design.shared import create_component

from ..formats.card import CardButton, CardDescription
from ..model import AbstractMode
from .markdown_nodes import md_to_nodes
from .messages import translate

__all__ = ["AbstractMode", "build_card", "build_grid", "grid_item"]

_BUTTON = ["sd-sphinx-override", "sd-btn", "sd-btn-sm", "sd-text-wrap", "arxiv-paper-button"]


def _text(text: str, classes: list[str]) -> nodes.inline:
    return nodes.inline(text, text, classes=classes)


def _joined(parent: nodes.Element, children: Sequence[nodes.Node]) -> nodes.Element:
    """Children separated by " · ", which keeps text and LaTeX output readable (HTML cards, written by
    :mod:`..formats.card_html`, space their badges and buttons with CSS instead)."""
    for index, child in enumerate(children):
        if index:
            parent += nodes.inline(" · ", " · ", classes=["arxiv-sep"])
        parent += child
    return parent


def _button(button: CardButton) -> nodes.reference:
    style = "sd-btn-primary" if button.primary else "sd-btn-outline-primary"
    label = translate(button.label)
    return nodes.reference(
        "", label, refuri=button.url, classes=[*_BUTTON, style, f"arxiv-paper-{button.kind}"], reftitle=label
    )


def _header(card: CardDescription) -> nodes.container:
    title = nodes.paragraph(classes=["sd-card-title", "arxiv-paper-title"])
    link = (
        nodes.reference("", "", refuri=card.title_url, classes=["arxiv-paper-title-link"])
        if card.title_url
        else nodes.inline(classes=["arxiv-paper-title-link"])
    )
    link.extend(md_to_nodes(card.title))
    title += link

    header = create_component("card-header", ["sd-card-header", "arxiv-paper-header"])
    header += title
    if card.title_translation:
        translation = nodes.paragraph(classes=["arxiv-title-translation"])
        translation.extend(md_to_nodes(card.title_translation))
        header += translation
    if card.authors:
        meta = nodes.paragraph(classes=["arxiv-paper-meta"])
        meta += _text(card.authors.text(translate), ["arxiv-paper-authors"])
        header += meta
    badges = [_text(badge.text, ["sd-badge", f"arxiv-paper-{badge.kind}"]) for badge in card.badges]
    header += _joined(nodes.paragraph(classes=["arxiv-paper-badges"]), badges)
    return header


def _abstract(card: CardDescription) -> list[nodes.Node]:
    if card.abstract is None:
        return []
    body = md_to_nodes(card.abstract.nodes)
    for child in body:
        if isinstance(child, nodes.paragraph):
            child["classes"].append("sd-card-text")
    if card.abstract.mode == "full":
        return [nodes.container("", *body, classes=["arxiv-paper-abstract"])]
    label = translate(card.abstract.label)
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


def _footer(card: CardDescription) -> nodes.container:
    footer = create_component("card-footer", ["sd-card-footer", "arxiv-paper-links"])
    footer += _joined(nodes.paragraph(classes=["arxiv-paper-buttons"]), [_button(b) for b in card.buttons])
    return footer


def build_card(card: CardDescription) -> nodes.container:
    """One paper's card as sphinx-design nodes: header (title, authors, badges), abstract, footer
    (the buttons; the BibTeX entries are in ``papers.bib``, so ``card.bibtex`` is not shown here)."""
    container = create_component("card", list(card.classes), ids=[card.card_id])
    container += _header(card)
    body_children = _abstract(card)
    if body_children:
        body = create_component("card-body", ["sd-card-body", "arxiv-paper-body"])
        body.extend(body_children)
        container += body
    if card.summary is not None:
        summary = create_component("card-body", ["sd-card-body", "arxiv-summary"])
        label = nodes.paragraph(classes=["arxiv-summary-label"])
        label += nodes.strong("", translate("Summary"))
        summary += label
        summary.extend(md_to_nodes(card.summary))
        container += summary
    container += _footer(card)
    return container


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
