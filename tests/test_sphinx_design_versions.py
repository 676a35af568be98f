"""The card HTML copies sphinx-design's markup: every ``sd-`` class it writes must be one the
installed sphinx-design (0.6 to 0.8, see noxfile.py) styles, so the cards look the same on each."""

from __future__ import annotations

import re
from importlib import resources

from sphinx_arxivdigest import parse_digest
from sphinx_arxivdigest.formats.card_html import card_html

DIGEST = """\
# arxiv 2025-12-22

| Title | Authors | PDF | Abstract |
|---|---|---|---|
| A paper | Ada Lovelace | [PDF](https://arxiv.org/pdf/2512.17909v1) | An abstract with $x$ and https://example.org |
"""
#: Written as sphinx-design writes them but styled by no version of it: bootstrap's small-button name
#: (the package's stylesheet sizes the buttons) and the icon's own name (``.sd-octicon`` styles it).
UNSTYLED = {"sd-btn-sm", "sd-octicon-chevron-right"}


def _sphinx_design_css() -> str:
    package = resources.files("sphinx_design")
    sheets = [p for folder in ("compiled", "static") if (package / folder).is_dir()
              for p in (package / folder).iterdir() if p.name.endswith(".css")]
    assert sheets, "no sphinx-design stylesheet found"
    return "\n".join(p.read_text(encoding="utf-8") for p in sheets)


def test_every_sphinx_design_class_of_a_card_is_styled() -> None:
    (paper,) = parse_digest(DIGEST).papers
    html = "".join(card_html(paper, abstract=mode) for mode in ("full", "collapsed"))
    classes = {name for attribute in re.findall(r'class="([^"]*)"', html) for name in attribute.split()}
    used = {name for name in classes if name.startswith("sd-")}
    css = _sphinx_design_css()
    unstyled = {name for name in used if not re.search(rf"\.{re.escape(name)}(?![\w-])", css)}
    assert unstyled <= UNSTYLED
    assert {"sd-card", "sd-card-header", "sd-card-body", "sd-card-footer", "sd-dropdown", "sd-btn"} <= used
