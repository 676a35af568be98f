"""One ``arxiv_card`` node per paper: small doctrees, the same page in HTML, full trees elsewhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_arxivdigest.sphinx.card import arxiv_card

pytestmark = pytest.mark.sphinx

HEAD = "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n"
MATH_DIGEST = HEAD + (
    "| Encoders for $\\mathbb{R}^n$ | Alice Smith | [PDF](https://arxiv.org/pdf/2512.17909v1) "
    "| Inline $x^2 < y$ and display:\n\n$$\nE = mc^2\n$$\n\nThen `code` and zebrafish. |\n"
    "| Depth anything again | Carol White | [PDF](https://arxiv.org/pdf/2512.17908v2) | Relighting. |\n"
)
PLAIN_DIGEST = HEAD + "| Plain | Dora Grey | [PDF](https://arxiv.org/pdf/2512.17907) | No formulas at all. |\n"
PAGES = {
    "index.rst": "Math\n====\n\n.. toctree::\n\n   plain\n\n.. arxiv-digest:: digests/m.md\n   :class: extra-card\n",
    "plain.rst": "Plain\n=====\n\n.. arxiv-digest:: digests/p.md\n",
    "digests/m.md": MATH_DIGEST,
    "digests/p.md": PLAIN_DIGEST,
}


def test_doctree_holds_one_small_node_per_card(project) -> None:
    app = project.build(PAGES)
    doctree = app.env.get_doctree("index")
    cards = list(doctree.findall(arxiv_card))
    assert [card["paper"].arxiv_id for card in cards] == ["2512.17909", "2512.17908"]
    # Each card is the node, its index entries and one text for the search: no sphinx-design tree.
    for card in cards:
        assert len(list(card.findall())) <= 4, card.pformat()
        assert not list(card.findall(nodes.container))


def test_html_card_keeps_sphinx_design_markup_and_classes(project) -> None:
    """sphinx-design's card, header, footer and button classes stay on the card (themes style them);
    its utility classes (margin, shadow, width, box sizing) are not written into every card: the
    copied stylesheet holds the installed sphinx-design's own rules for them, on ``.arxiv-paper``."""
    from sphinx_arxivdigest.formats.design_assets import design_css

    app = project.build(PAGES)
    soup = project.html(app)
    column = soup.select_one("div.arxiv-digest > div.sd-row > div.sd-col")
    card = column.select_one("div.arxiv-paper")
    assert card["id"] == "arxiv-2512-17909"
    assert set(card["class"]) == {"sd-card", "arxiv-paper", "extra-card"}
    assert card.select_one("div.sd-card-header > p.arxiv-paper-title > a")["href"] == "https://arxiv.org/abs/2512.17909v1"
    assert [a["class"] for a in card.select("div.sd-card-footer > a")] == [
        ["sd-btn", "sd-btn-primary", "arxiv-paper-pdf"], ["sd-btn", "sd-btn-outline-primary", "arxiv-paper-abs"]]
    assert card.select_one("code.literal").get_text() == "code"
    assert card.select_one("details.sd-card-body.arxiv-paper-abstract > summary").get_text() == "Abstract"
    css = (Path(app.outdir) / "_static" / "arxivdigest.css").read_text(encoding="utf-8")
    shadow = re.search(r"\.sd-shadow-sm\{([^}]*)\}", design_css())
    assert shadow is not None and f".arxiv-paper{{{shadow.group(1)}}}" in css
    assert re.search(r"\.arxiv-paper,\.arxiv-paper \*\{[^}]*\bbox-sizing:border-box", css)


def test_math_goes_through_the_math_renderer_and_loads_mathjax_only_where_needed(project) -> None:
    app = project.build(PAGES)
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    soup = project.html(app)
    inline = [span.get_text() for span in soup.select("div.arxiv-paper span.math.notranslate.nohighlight")]
    assert inline == [r"\(\mathbb{R}^n\)", r"\(x^2 &lt; y\)".replace("&lt;", "<")]
    assert soup.select_one("div.arxiv-paper div.math.notranslate.nohighlight").get_text().strip() == r"\[E = mc^2\]"
    assert r"x^2 &lt; y" in index  # escaped in the source
    assert re.search(r"<script[^>]+mathjax", index)
    plain = (Path(app.outdir) / "plain.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+mathjax", plain)


def test_search_index_holds_card_words(project) -> None:
    app = project.build(PAGES)
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]
    for word in ("zebrafish", "relight", "carol", "encod"):  # stemmed by Sphinx's English splitter
        assert word in terms, word


def test_search_index_takes_ids_and_authors_as_entries_and_titles_as_objects(project) -> None:
    """A card's index entries reach the search as its id and authors only; titles are searched as the
    domain's objects. The general index keeps its own entries (by default under each author, the
    title below, without the id)."""
    app = project.build(PAGES)
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert index["indexentries"] == {
        "2512.17909v1": [[0, "arxiv-2512-17909", False]], "alice smith": [[0, "arxiv-2512-17909", False]],
        "2512.17908v2": [[0, "arxiv-2512-17908", False]], "carol white": [[0, "arxiv-2512-17908", False]],
        "2512.17907": [[1, "arxiv-2512-17907", False]], "dora grey": [[1, "arxiv-2512-17907", False]],
    }
    names = sorted(entry[4] for entries in index["objects"].values() for entry in entries)
    assert names == ["Depth anything again", "Encoders for $\\mathbb{R}^n$", "Plain"]
    genindex = (Path(app.outdir) / "genindex.html").read_text(encoding="utf-8")
    assert "Depth anything again" in genindex and "Carol White" in genindex and "2512.17908v2" not in genindex


@pytest.mark.parametrize("builder", ["pseudoxml", "latex"])
def test_other_builders_get_the_sphinx_design_tree(project, builder) -> None:
    app = project.build(PAGES, buildername=builder)
    name = "index.pseudoxml" if builder == "pseudoxml" else "projectnamenotset.tex"
    outputs = list(Path(app.outdir).glob("*.tex")) if builder == "latex" else [Path(app.outdir) / name]
    text = outputs[0].read_text(encoding="utf-8")
    assert "arxiv_card" not in text
    assert "Relighting." in text and "Carol White" in text
    if builder == "pseudoxml":
        assert 'classes="sd-card sd-sphinx-override sd-mb-3 sd-shadow-sm sd-w-100 arxiv-paper extra-card"' in text
        assert text.count('classes="sd-col sd-d-flex-row"') == 2
        assert "<index" in text  # the general-index entries moved into the card tree
    else:
        assert r"\index{" in text and "E = mc^2" in text


def test_the_stylesheet_draws_the_installed_sphinx_designs_chevron(project) -> None:
    """The abstract's toggle carries no chevron; the copied stylesheet masks one with sphinx-design's own
    octicon, read from the installed sphinx-design (no copy of its SVG in the package)."""
    import re
    from urllib.parse import unquote

    from sphinx_arxivdigest.formats.design_assets import octicon_path

    app = project.build({
        "digests/a.md": "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
                        "| T | A | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs |\n",
        "index.rst": "Home\n====\n\n.. arxiv-digest:: digests/a.md\n",
    })
    css = (app.outdir / "_static" / "arxivdigest.css").read_text(encoding="utf-8")
    mask = re.search(r"--arxiv-chevron-mask: (url\([^;]*\));", css)
    assert mask is not None
    drawn = re.search(r'd="([^"]+)"', octicon_path("chevron-right")).group(1)
    assert drawn in unquote(mask.group(1))
    assert "/*ARXIVDIGEST_CHEVRON*/" not in css
