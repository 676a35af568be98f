"""markdown_compat: our GFM autolink rules (used on markdown-it-py 3) give the same tokens and the same
markdown tree as mdit-py-plugins' GFM autolink plugin (used on markdown-it-py >= 4.1)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from sphinx_arxivdigest import markdown_compat
from sphinx_arxivdigest.markdown import MdNode, parse_markdown

INPUTS = [
    "See https://github.com/org/repo for code.",
    "Code: https://github.com/org/repo.",
    "(https://example.org/a_(b)) and https://example.org/x)",
    "Visit www.example.com/path?q=1, or www.example.com.",
    "www.commonmark.org/a.b. and www.a_b.c_d.com",
    "http://localhost:8080/x and https://foo",
    "mail me@example.org or mailto:foo@bar.baz and xmpp:foo@bar.baz/txt",
    "a.b-c_d@a.b. and x@y and foo@bar.b- foo@bar.com_",
    "no link in xhttps://example.org or awww.example.com",
    "*https://em.example.org* _www.em.example.org_ ~www.tilde.org~",
    "[text https://inner.example.org](https://outer.example.org) <https://angle.example.org>",
    "`https://code.example.org` and $x = https://math$ after",
    "https://example.org/&amp; https://example.org/&hl; https://example.org/a&b;",
    "https://example.org/<tag> www.example.org\"quoted\" 'https://q.example.org'",
    "Line one https://a.example.org\nline two www.b.example.org",
    "Unicode https://例子.中国/路径 and www.例子.中国。",
    "http:// https://. www. www.x mailto: @ x@ @y.z",
    "trailing punctuation https://example.org/?!.,:*_~'\"[]",
    "wwww.example.org www.www.example.org w ww www",
]


def _gfm() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    return md


def _tokens(md: MarkdownIt, text: str) -> list[tuple]:
    def flat(tokens):
        for token in tokens:
            yield token.type, token.content, dict(token.attrs), token.markup, token.info
            yield from flat(token.children or [])

    return list(flat(md.parse(text)))


def _upstream() -> MarkdownIt:
    from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin

    return _gfm().use(gfm_autolink_plugin)


def _own() -> MarkdownIt:
    md = _gfm()
    markdown_compat.use_own_autolinks(md)
    return md


needs_upstream = pytest.mark.skipif(
    not markdown_compat.HAS_GFM_AUTOLINK, reason="the upstream GFM autolink plugin needs markdown-it-py >= 4.1"
)


@needs_upstream
@pytest.mark.parametrize("text", INPUTS)
def test_own_rules_give_the_upstream_tokens(text: str) -> None:
    assert _tokens(_own(), text) == _tokens(_upstream(), text)


@needs_upstream
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["https://", "http://", "www.", "mailto:", "xmpp:", "@", ".", "_", "-", "(", ")",
                                 "<", ";", "&", "*", "~", " ", "\n", "a", "b1", "org", "/", "w", ":", "é"]),
                max_size=14).map("".join))
def test_own_rules_match_upstream_on_random_text(text: str) -> None:
    assert _tokens(_own(), text) == _tokens(_upstream(), text)


EXPECTED_TREES = Path(__file__).with_name("markdown_autolink_trees.json")


def _tree(text: str) -> list:
    return [asdict(node) for node in parse_markdown(text)]


def test_trees_are_the_ones_the_upstream_plugin_gave() -> None:
    """``markdown_autolink_trees.json`` holds the trees of INPUTS made with markdown-it-py 4.3 and the
    upstream plugin (regenerate: ``python tests/test_markdown_compat.py``); every version must agree."""
    expected = json.loads(EXPECTED_TREES.read_text(encoding="utf-8"))
    assert list(expected) == INPUTS
    for text in INPUTS:
        assert _tree(text) == expected[text], text


def test_bare_urls_become_links_on_this_markdown_it() -> None:
    """Whatever markdown-it-py is installed, the tree is the one the renderers expect."""
    (paragraph,) = parse_markdown("Code: https://github.com/a/b. Site www.example.org, mail x@y.org")
    links = [node for node in paragraph.children if node.kind == "link"]
    assert [(link.href, link.children) for link in links] == [
        ("https://github.com/a/b", [MdNode("text", "https://github.com/a/b")]),
        ("http://www.example.org", [MdNode("text", "www.example.org")]),
        ("mailto:x@y.org", [MdNode("text", "x@y.org")]),
    ]
    assert paragraph.children[0] == MdNode("text", "Code: ")


if __name__ == "__main__":
    assert markdown_compat.HAS_GFM_AUTOLINK, "regenerate with the upstream plugin (markdown-it-py >= 4.1)"
    EXPECTED_TREES.write_text(json.dumps({text: _tree(text) for text in INPUTS}, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
