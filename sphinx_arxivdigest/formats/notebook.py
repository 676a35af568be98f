"""Rich display in Jupyter: a ``Digest`` or ``Paper`` shows itself as the same cards as in Sphinx.

The HTML is self-contained (the package stylesheet plus the installed sphinx-design's rules for the
classes the cards use, inlined and scoped to ``.arxiv-digest`` so the notebook's own styling is left alone) and as strict as
the Sphinx output: every text goes through :func:`html.escape`, raw HTML in a digest stays visible
text (markdown-it with ``html`` off), only http(s) URLs become links, images are never loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from html import escape
from importlib import resources

from ..model import (
    ABSTRACT_MODES,
    COLUMNS_MAX,
    COLUMNS_MIN,
    AbstractMode,
    Digest,
    Paper,
    check_abstract,
    check_columns,
    unique_anchor,
)
from .card_html import card_html, markdown_html
from .design_assets import design_css, scope_css

__all__ = ["AbstractMode", "card_html", "digest_html", "markdown_html", "paper_html", "papers_html", "stylesheet"]

# The package's own notebook rules, after sphinx-design's: JupyterLab's variables so that dark themes
# keep readable borders and badges, and the output's own box.
_NOTEBOOK_CSS = """
.arxiv-digest.arxiv-notebook, .arxiv-notebook .arxiv-paper {
  --sd-color-card-border: var(--jp-border-color1, rgba(0, 0, 0, 0.125));
  --arxiv-muted: var(--jp-content-font-color2, #5a6270);
  --arxiv-badge-bg: var(--jp-layout-color2, #f1f3f5);
  --arxiv-badge-fg: var(--jp-content-font-color1, #2b2f36);
}
.arxiv-digest.arxiv-notebook { box-sizing: border-box; width: 100%; margin: 0 0 1rem 0; }
.arxiv-notebook, .arxiv-notebook * { box-sizing: border-box; }
.arxiv-notebook p { margin-top: 0; }
.arxiv-notebook .sd-card-text:last-child { margin-bottom: 0; }
.arxiv-notebook .arxiv-digest-summary { color: var(--arxiv-muted); margin: 0 0 0.5rem 0; }
.arxiv-notebook details.sd-dropdown > summary::-webkit-details-marker { display: none; }
.arxiv-notebook .math { font-family: var(--jp-code-font-family, monospace); }
"""


def _grid(items: str, columns: int) -> str:
    return f'<div class="sd-row sd-row-cols-1 sd-row-cols-md-{columns} sd-g-3">{items}</div>'


def _item(card: str) -> str:
    return f'<div class="sd-col sd-d-flex-row">{card}</div>'


@cache
def _used_classes() -> frozenset[str]:
    """Every class a notebook output can carry: read from a card with every part, in every grid."""
    sample = Paper(arxiv_id="0704.0001", title="T", authors=["A"], authors_truncated=True, abstract="a",
                   code_url="https://example.org", date=date(2000, 1, 1), topic="t")
    markup = "".join(_grid(_item(card_html(sample, abstract=mode, bibtex=True)), columns)
                     for mode, columns in zip(ABSTRACT_MODES[:2], (COLUMNS_MIN, COLUMNS_MAX), strict=True))
    markup += "".join(_grid("", columns) for columns in range(COLUMNS_MIN, COLUMNS_MAX + 1))
    return frozenset(name for names in re.findall(r'class="([^"]*)"', markup) for name in names.split())


def _card_rule(selector: str) -> bool:
    """A sphinx-design rule the cards use: its colours (``:root``), or only classes the cards carry."""
    names = re.findall(r"\.(sd-[\w-]+)", selector)
    return selector == ":root" or (bool(names) and set(names) <= _used_classes())


@cache
def stylesheet() -> str:
    """The package stylesheet, then the installed sphinx-design's rules for the classes the cards use
    (scoped to ``.arxiv-notebook`` so the notebook's own styling is left alone), then the notebook's."""
    package_css = resources.files("sphinx_arxivdigest").joinpath("static/arxivdigest.css").read_text("utf-8")
    return package_css + scope_css(design_css(), ".arxiv-notebook", _card_rule) + _NOTEBOOK_CSS


def _container(inner: str) -> str:
    return f'<style>{stylesheet()}</style><div class="arxiv-digest arxiv-notebook">{inner}</div>'


def papers_html(
    papers: Iterable[Paper], *, columns: int = 2, abstract: AbstractMode = "collapsed", summary: str = ""
) -> str:
    """A grid of cards (one column on narrow output, ``columns`` on wide), with its stylesheet.
    ``columns`` (1 to 4) and ``abstract`` follow the directive's rules: other values raise
    :class:`ValueError` saying what is allowed, rather than showing something else."""
    columns = check_columns(columns)
    check_abstract(abstract)
    taken: set[str] = set()
    items = []
    for paper in papers:
        card_id = unique_anchor(paper.anchor, taken)
        taken.add(card_id)
        items.append(_item(card_html(paper, abstract=abstract, card_id=card_id)))
    head = f'<p class="arxiv-digest-summary">{escape(summary)}</p>' if summary else ""
    grid = _grid("".join(items), columns) if items else ""
    return _container(head + grid)


def _summary(digest: Digest, shown: int) -> str:
    parts = [digest.title or (digest.source or "arXiv digest")]
    count = f"{shown} paper{'s' if shown != 1 else ''}"
    if shown != len(digest.papers):
        count += f" of {len(digest.papers)}"
    parts.append(count)
    if digest.problems:
        parts.append(f"{len(digest.problems)} problem{'s' if len(digest.problems) != 1 else ''}")
    return " · ".join(parts)


def digest_html(
    digest: Digest,
    *,
    filter: str | Sequence[str] | None = None,
    sort: str | None = None,
    limit: int | None = None,
    columns: int = 2,
    abstract: AbstractMode = "collapsed",
) -> str:
    """A digest's cards, selected like the directive (``filter``, ``sort``, ``limit``), under a line
    giving its title, paper count and problem count."""
    papers = digest.select(filter=filter, sort=sort, limit=limit)
    return papers_html(papers, columns=columns, abstract=abstract, summary=_summary(digest, len(papers)))


def paper_html(paper: Paper, *, abstract: AbstractMode = "collapsed") -> str:
    """One paper's card, with its stylesheet."""
    return _container(card_html(paper, abstract=abstract))
