"""One description of a paper's card, which every output renders.

A card used to be decided three times (the HTML string, the sphinx-design tree, the MyST/rST
page), each reading the :class:`~sphinx_arxivdigest.model.Paper` on its own, and they drifted (one
showed "et al." alone, another did not). :func:`describe_card` now decides the parts once: the
title and its link, the authors, the badges, the buttons (only http(s) URLs), the abstract in its
mode, the BibTeX entry. Renderers only choose markup. Labels stay message ids (:data:`LABELS`)
that each renderer translates: Sphinx with its gettext, Jupyter and pages as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from ..markdown import MdKind, MdNode, parse_markdown, parse_markdown_inline, plain_text
from ..model import AbstractMode, Paper, check_abstract, is_web_url
from .bibtex import paper_to_bibtex

__all__ = [
    "CARD_CLASSES",
    "LABELS",
    "AbstractMode",
    "BadgeKind",
    "ButtonKind",
    "CardAbstract",
    "CardAuthors",
    "CardBadge",
    "CardButton",
    "CardDescription",
    "describe_card",
]



#: sphinx-design's card classes, then the package's: every card has them, in every output.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "sd-w-100", "arxiv-paper")

#: The card's labels as message ids (in the package catalog); renderers translate them.
LABELS = ("Abstract", "Summary", "PDF", "arXiv", "Code", "et al.", "BibTeX", "Copy", "Copied")

BadgeKind = Literal["id", "date", "topic"]
ButtonKind = Literal["pdf", "abs", "code"]


@dataclass(frozen=True, slots=True)
class CardAuthors:
    """The author line: ``names`` joined, ``truncated`` when the digest said "et al."."""

    names: str
    truncated: bool

    def text(self, label: Callable[[str], str]) -> str:
        """The line in the renderer's language: "et al." is a label, translated like the others."""
        if not self.truncated:
            return self.names
        et_al = label("et al.")
        return f"{self.names} {et_al}" if self.names else et_al


@dataclass(frozen=True, slots=True)
class CardBadge:
    """``arXiv:<id with version>``, the date, or the topic (plain text, escaped by the renderer)."""

    kind: BadgeKind
    text: str


@dataclass(frozen=True, slots=True)
class CardButton:
    """A link button; ``url`` is always http(s). ``label`` is a message id."""

    kind: ButtonKind
    label: str
    url: str
    primary: bool = False


@dataclass(frozen=True, slots=True)
class CardAbstract:
    """The abstract as markdown block nodes, shown in full or in a dropdown titled ``label``."""

    mode: Literal["full", "collapsed"]
    nodes: tuple[MdNode, ...]
    label: str = "Abstract"


@dataclass(frozen=True, slots=True)
class CardDescription:
    """Everything a card shows, decided once from a paper; renderers add markup, never parts."""

    paper: Paper
    card_id: str
    classes: tuple[str, ...]
    #: Inline markdown nodes; the bare id when the title has no text.
    title: tuple[MdNode, ...]
    #: The title's link ("" when the paper has no http(s) abstract page).
    title_url: str
    #: The title in another language, shown under the original (empty when the digest gives none).
    title_translation: tuple[MdNode, ...]
    #: None when the digest names no authors and does not say "et al.".
    authors: CardAuthors | None
    badges: tuple[CardBadge, ...]
    buttons: tuple[CardButton, ...]
    #: None when the mode is ``none`` or the paper has no abstract.
    abstract: CardAbstract | None
    #: The digest's own summary or recommendation (block nodes), apart from the abstract; None when none.
    summary: tuple[MdNode, ...] | None = None
    #: The paper's BibTeX entry (without abstract) when the card offers it, else "".
    bibtex: str = ""

    def badge(self, kind: BadgeKind) -> CardBadge | None:
        """The badge of ``kind``, if the card has one."""
        return next((badge for badge in self.badges if badge.kind == kind), None)

    def button(self, kind: ButtonKind) -> CardButton | None:
        """The button of ``kind``, if the card has one."""
        return next((button for button in self.buttons if button.kind == kind), None)


def _title(paper: Paper) -> tuple[MdNode, ...]:
    nodes = parse_markdown_inline(paper.title)
    if not plain_text(nodes):
        return (MdNode(MdKind.TEXT, paper.arxiv_id),)
    return tuple(nodes)


def _authors(paper: Paper) -> CardAuthors | None:
    names = ", ".join(name.strip() for name in paper.authors if name.strip())
    if not names and not paper.authors_truncated:
        return None
    return CardAuthors(names, paper.authors_truncated)


def _badges(paper: Paper) -> tuple[CardBadge, ...]:
    badges = [CardBadge("id", f"arXiv:{paper.versioned_id}")]
    if paper.date:
        badges.append(CardBadge("date", paper.date.isoformat()))
    if paper.topic:
        badges.append(CardBadge("topic", paper.topic))
    return tuple(badges)


def _buttons(paper: Paper) -> tuple[CardButton, ...]:
    candidates = [
        CardButton("pdf", "PDF", paper.pdf_url, primary=True),
        CardButton("abs", "arXiv", paper.abs_url),
        CardButton("code", "Code", paper.code_url),
    ]
    return tuple(button for button in candidates if button.url and is_web_url(button.url))


def _abstract(paper: Paper, mode: str) -> CardAbstract | None:
    if mode == "none" or not paper.abstract.strip():
        return None
    return CardAbstract("full" if mode == "full" else "collapsed", tuple(parse_markdown(paper.abstract)))


def describe_card(
    paper: Paper,
    *,
    abstract: AbstractMode | str = "collapsed",
    card_id: str = "",
    classes: Iterable[str] = (),
    bibtex: bool = False,
) -> CardDescription:
    """The card of ``paper``: id ``card_id`` (the paper's anchor by default), :data:`CARD_CLASSES`
    then ``classes``, the abstract in ``abstract`` mode (a :class:`ValueError` names the modes when
    it is none of them) and, when ``bibtex``, the paper's BibTeX entry."""
    mode = check_abstract(abstract)
    return CardDescription(
        paper=paper,
        card_id=card_id or paper.anchor,
        classes=(*CARD_CLASSES, *classes),
        title=_title(paper),
        title_url=paper.abs_url if is_web_url(paper.abs_url) else "",
        title_translation=tuple(parse_markdown_inline(paper.title_translation)) if paper.title_translation else (),
        authors=_authors(paper),
        badges=_badges(paper),
        buttons=_buttons(paper),
        abstract=_abstract(paper, mode),
        summary=tuple(parse_markdown(paper.summary)) if paper.summary.strip() else None,
        bibtex=paper_to_bibtex(paper, abstract=False) if bibtex else "",
    )
