"""One description of a card (``formats/card.py``), one markdown walker (``markdown.py``), and
sphinx-design's icon and stylesheet taken from the installed sphinx-design."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.util import find_spec
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_arxivdigest import Paper
from sphinx_arxivdigest.formats.card import CARD_CLASSES, describe_card
from sphinx_arxivdigest.formats.card_html import card_html
from sphinx_arxivdigest.formats.design_assets import design_css, octicon_path
from sphinx_arxivdigest.formats.notebook import papers_html, stylesheet
from sphinx_arxivdigest.markdown import MdKind, MdNode, PlainTextWalker, parse_markdown, plain_text

PAPER = Paper(
    arxiv_id="2512.17909", version=2, title="Fast *graphs*", authors=["Alice", " ", "Bob"], authors_truncated=True,
    abstract="First.\n\nSecond $x$.", code_url="https://github.com/a/b", date=dt.date(2025, 1, 2), topic="ML",
)


def test_description_decides_every_part_once() -> None:
    card = describe_card(PAPER, classes=["extra"], bibtex=True)
    assert card.card_id == "arxiv-2512-17909"
    assert card.classes == (*CARD_CLASSES, "extra")
    assert plain_text(card.title) == "Fast graphs" and card.title_url == "https://arxiv.org/abs/2512.17909v2"
    assert card.authors is not None and card.authors.names == "Alice, Bob"  # blank names dropped
    assert card.authors.text(lambda m: {"et al.": "等"}.get(m, m)) == "Alice, Bob 等"  # "et al." is a label
    assert [(b.kind, b.text) for b in card.badges] == [("id", "arXiv:2512.17909v2"), ("date", "2025-01-02"), ("topic", "ML")]
    assert [(b.kind, b.label, b.primary) for b in card.buttons] == [
        ("pdf", "PDF", True), ("abs", "arXiv", False), ("code", "Code", False)
    ]
    assert card.abstract is not None and card.abstract.mode == "collapsed" and len(card.abstract.nodes) == 2
    assert card.bibtex.startswith("@misc{arxiv:2512.17909,") and "abstract" not in card.bibtex


def test_truncated_authors_alone_are_et_al() -> None:
    card = describe_card(Paper(arxiv_id="2512.00001", title="T", authors_truncated=True))
    assert card.authors is not None and card.authors.text(str) == "et al."
    assert describe_card(Paper(arxiv_id="2512.00001", title="T")).authors is None


def test_no_abstract_means_no_abstract_part() -> None:
    assert describe_card(Paper(arxiv_id="2512.00001", title="T", abstract="  \n")).abstract is None
    assert describe_card(PAPER, abstract="none").abstract is None
    assert describe_card(PAPER, abstract="full").abstract.mode == "full"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="'full', 'collapsed', 'none'"):
        describe_card(PAPER, abstract="short")


def test_only_web_urls_become_buttons() -> None:
    paper = Paper(arxiv_id="2512.00001", title="", code_url="javascript:alert(1)")
    card = describe_card(paper)
    assert [b.kind for b in card.buttons] == ["pdf", "abs"]
    assert plain_text(card.title) == "2512.00001"  # no title text: the id
    paper.code_url = "ftp://example.org/code"  # set after the model's own check
    assert describe_card(paper).button("code") is None


def test_html_renders_the_description() -> None:
    page = BeautifulSoup(card_html(PAPER, abstract="full", bibtex=True), "html.parser")
    assert page.select_one(".arxiv-paper-authors").get_text() == "Alice, Bob et al."
    assert [a["class"][-1] for a in page.select(".arxiv-paper-buttons a")] == [
        "arxiv-paper-pdf", "arxiv-paper-abs", "arxiv-paper-code"
    ]
    assert page.select_one("pre.arxiv-bibtex-entry").get_text() == describe_card(PAPER, bibtex=True).bibtex


# -- the walker -------------------------------------------------------------------------------------


class _Shouting(PlainTextWalker):
    """A new format written by overriding two kinds: strong text in capitals, math dropped."""

    def visit_strong(self, node: MdNode) -> str:
        return "".join(self.walk(node.children)).upper()

    def visit_math(self, node: MdNode) -> str:
        return "[math]"


def test_a_new_format_overrides_only_a_few_kinds() -> None:
    tree = parse_markdown("- a **bold** $x$\n- *b* [c](https://e.org)\n\n> q")
    assert "".join(_Shouting().walk(tree)).split() == ["a", "BOLD", "[math]", "b", "c", "q"]
    assert plain_text(tree) == "a bold $x$ b c q"  # the base format is unchanged


def test_kinds_are_typed_and_still_compare_as_strings() -> None:
    node = parse_markdown("*x*")[0]
    assert node.kind is MdKind.PARAGRAPH and node.kind == "paragraph" and node.kind.is_block
    assert node.children[0].kind is MdKind.EM and not node.children[0].kind.is_block


def test_a_misspelt_visit_method_is_refused() -> None:
    with pytest.raises(TypeError, match="visit_strnog"):
        type("Typo", (PlainTextWalker,), {"visit_strnog": lambda self, node: ""})


# -- sphinx-design's icon and stylesheet --------------------------------------------------------------


def _sphinx_design_dir() -> Path:
    spec = find_spec("sphinx_design")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def test_chevron_is_the_installed_sphinx_design_octicon() -> None:
    icons = pytest.importorskip("sphinx_design.icons")
    html = card_html(PAPER)
    marker = '<span class="sd-summary-state-marker sd-summary-chevron-right">'
    assert marker + icons.get_octicon("chevron-right", height="1.5em") + "</span>" in html  # as sphinx-design writes it
    data = json.loads((_sphinx_design_dir() / "compiled" / "octicons.json").read_text("utf-8"))
    assert data["chevron-right"]["heights"]["24"]["path"] == octicon_path("chevron-right") in html


def test_notebook_stylesheet_comes_from_the_installed_sphinx_design() -> None:
    css = design_css()
    shipped = [_sphinx_design_dir() / name for name in ("static/sphinx-design.min.css", "compiled/style.min.css")]
    assert css == next(path for path in shipped if path.is_file()).read_text("utf-8")
    card_rule = re.search(r"(?:^|})\.sd-card\{([^}]*)\}", css)
    assert card_rule is not None
    style = stylesheet()
    assert f".arxiv-notebook .sd-card{{{card_rule.group(1)}}}" in style  # scoped, not copied
    assert ".sd-tab-set" not in style  # only the rules of classes the cards carry


@pytest.mark.parametrize(("options", "message"), [
    ({"columns": 5}, "from 1 to 4, got 5"), ({"columns": 0}, "got 0"), ({"abstract": "short"}, "got 'short'"),
])
def test_notebook_options_follow_the_directive_rules(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        papers_html([PAPER], **options)  # type: ignore[arg-type]


def test_myst_ast_walker_follows_only_web_links_and_keeps_blocks() -> None:
    """The mystmd card's markdown goes through the one walker: links by the same rule as HTML, no
    nested links, headings as bold lines, lists, quotes and code as MyST blocks."""
    from sphinx_arxivdigest.formats.myst_ast import MystAstWalker, markdown_blocks

    text = "# Head\n\n- [a](ftp://e.org/a) [b](https://e.org/b)\n\n> q\n\n```\ncode\n```\n\n1. one"
    assert markdown_blocks(parse_markdown(text)) == [
        {"type": "paragraph", "children": [{"type": "strong", "children": [{"type": "text", "value": "Head"}]}]},
        {"type": "list", "ordered": False, "spread": False, "children": [{"type": "listItem", "spread": False, "children": [
            {"type": "paragraph", "children": [
                {"type": "text", "value": "a"}, {"type": "text", "value": " "},
                {"type": "link", "url": "https://e.org/b", "children": [{"type": "text", "value": "b"}]}]}]}]},
        {"type": "blockquote", "children": [{"type": "paragraph", "children": [{"type": "text", "value": "q"}]}]},
        {"type": "code", "value": "code"},
        {"type": "list", "ordered": True, "spread": False, "children": [{"type": "listItem", "spread": False, "children": [
            {"type": "paragraph", "children": [{"type": "text", "value": "one"}]}]}]},
    ]
    inline = MystAstWalker(links=False).inline(parse_markdown("*x* [y](https://e.org) $z$")[0].children)
    assert inline == [{"type": "emphasis", "children": [{"type": "text", "value": "x"}]}, {"type": "text", "value": " "},
                      {"type": "text", "value": "y"}, {"type": "text", "value": " "}, {"type": "inlineMath", "value": "z"}]


def test_myst_ast_card_renders_the_description() -> None:
    """The mystmd card is the description's parts: "et al." translated by the label function, the
    buttons the description's, the classes after sphinx-design's."""
    from sphinx_arxivdigest.formats.myst_ast import description_ast

    card = describe_card(PAPER, abstract="full", classes=["mine"])
    node = description_ast(card, label=lambda m: {"et al.": "等", "PDF": "PDF 文件"}.get(m, m))
    assert node["class"] == "arxiv-paper mine" and node["identifier"] == card.card_id
    authors = next(c for c in node["children"] if c.get("class") == "arxiv-paper-authors")
    assert authors["children"] == [{"type": "text", "value": "Alice, Bob 等"}]
    footer = node["children"][-1]["children"][0]["children"]
    assert [(b["url"], b["children"][0]["value"]) for b in footer if b["type"] == "link"] == [
        (b.url, "PDF 文件" if b.label == "PDF" else b.label) for b in card.buttons]
    assert "identifier" not in description_ast(card, index=False)
