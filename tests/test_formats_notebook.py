"""Jupyter display: ``Digest._repr_html_`` / ``Paper._repr_html_`` cards, their content and escaping."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import sphinx_arxivdigest
from sphinx_arxivdigest import Digest, Paper, parse_digest
from sphinx_arxivdigest.formats.notebook import (
    digest_html,
    markdown_html,
    paper_html,
    stylesheet,
)

SAMPLE = (
    "# arxiv 2025-12-22\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n"
    "| Title *A* | Alice Smith, Bob Li | [PDF](https://arxiv.org/pdf/2512.17909v1) | abs with $x^2$ & 50% |\n"
    "| 第二篇 | 张三 et al. | [PDF](https://arxiv.org/pdf/2512.17907v2) | 第一段。\n\n第二段 `code` [link](https://example.org/a) |\n"
)

HOSTILE = Paper(
    arxiv_id="2512.00001",
    title="<script>alert(1)</script>",
    authors=['"><img src=x onerror=alert(2)>'],
    abstract="[x](javascript:alert(1)) <img src=x onerror=alert(1)> [y](ftp://host/file) ![i](javascript:alert(3))\n\n"
    "<script>alert(4)</script>",
    code_url="javascript:alert(5)",
    topic="<b>topic</b>",
)


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


class _Collector(HTMLParser):
    """Every start tag with its attributes, as the browser-like stdlib parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.tags


def test_digest_displays_as_cards_with_sphinx_classes_and_ids() -> None:
    digest = parse_digest(SAMPLE)
    page = soup(digest._repr_html_())
    cards = page.select("div.arxiv-paper")
    assert [c["id"] for c in cards] == ["arxiv-2512-17909", "arxiv-2512-17907"]
    first = cards[0]
    title = first.select_one("p.arxiv-paper-title a.arxiv-paper-title-link")
    assert title["href"] == "https://arxiv.org/abs/2512.17909v1"
    assert title.get_text() == "Title A" and title.find("em").get_text() == "A"
    assert first.select_one(".arxiv-paper-authors").get_text() == "Alice Smith, Bob Li"
    assert first.select_one(".arxiv-paper-id").get_text() == "arXiv:2512.17909v1"
    assert first.select_one(".arxiv-paper-date").get_text() == "2025-12-22"
    assert first.select_one("a.arxiv-paper-pdf")["href"] == "https://arxiv.org/pdf/2512.17909v1"
    assert first.select_one("a.arxiv-paper-abs")["href"] == "https://arxiv.org/abs/2512.17909v1"
    abstract = first.select_one("details.arxiv-paper-abstract")
    assert abstract is not None and abstract.find("summary").get_text() == "Abstract"
    assert "abs with $x^2$ & 50%" in abstract.get_text()  # math stays text, & is escaped and shown
    assert cards[1].select_one(".arxiv-paper-authors").get_text() == "张三 et al."


def test_output_is_self_contained_with_package_css() -> None:
    html = parse_digest(SAMPLE)._repr_html_()
    page = soup(html)
    style = page.find("style").get_text()
    package_css = (Path(sphinx_arxivdigest.__file__).parent / "static" / "arxivdigest.css").read_text("utf-8")
    assert package_css.strip() in style  # the package stylesheet, inlined
    assert ".arxiv-notebook .sd-card" in style  # the sphinx-design subset, scoped
    assert not re.search(r":root\s*[{,]", re.sub(r"/\*.*?\*/", "", style, flags=re.S))  # nothing leaks into the notebook's own styling
    assert page.select_one("div.arxiv-digest.arxiv-notebook") is not None
    assert "<link" not in html and "<script" not in html
    assert stylesheet() in html


def test_summary_line_counts_papers_and_problems() -> None:
    broken = SAMPLE + "| Bad row | x |\n"
    page = soup(parse_digest(broken)._repr_html_())
    assert page.select_one(".arxiv-digest-summary").get_text() == "arxiv 2025-12-22 · 2 papers · 2 problems"


def test_abstract_markdown_is_rendered() -> None:
    body = soup(parse_digest(SAMPLE)._repr_html_()).select("div.arxiv-paper")[1].select_one(".arxiv-paper-abstract")
    paragraphs = body.find_all("p")
    assert [p.get_text() for p in paragraphs] == ["第一段。", "第二段 code link"]
    assert body.find("code").get_text() == "code"
    assert body.find("a", class_="arxiv-link")["href"] == "https://example.org/a"


def test_hostile_text_is_escaped_and_no_unsafe_link_survives() -> None:
    html = paper_html(HOSTILE)
    assert "<script" not in html.lower()
    assert "javascript:" not in "".join(str(attrs.get("href")) for _, attrs in start_tags(html))
    for tag, attrs in start_tags(html):
        assert tag not in {"script", "img", "iframe", "object", "embed"}
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert str(attrs["href"]).startswith(("http://", "https://")), attrs
        assert "src" not in attrs
    page = soup(html)
    card = page.select_one("div.arxiv-paper")
    assert card.select_one(".arxiv-paper-title").get_text() == "<script>alert(1)</script>"
    assert card.select_one(".arxiv-paper-authors").get_text() == '"><img src=x onerror=alert(2)>'
    assert card.select_one(".arxiv-paper-topic").get_text() == "<b>topic</b>"
    abstract = card.select_one(".arxiv-paper-abstract").get_text()
    assert "<img src=x onerror=alert(1)>" in abstract and "<script>alert(4)</script>" in abstract
    assert card.select_one(".arxiv-unsafe-link").get_text() == "y"  # ftp: shown, not linked
    assert card.select_one("a.arxiv-paper-code") is None


def test_paper_repr_is_one_card() -> None:
    paper = parse_digest(SAMPLE).papers[0]
    page = soup(paper._repr_html_())
    assert [c["id"] for c in page.select("div.arxiv-paper")] == ["arxiv-2512-17909"]
    assert page.find("style") is not None


def test_digest_html_selects_like_the_directive() -> None:
    digest = parse_digest(SAMPLE)
    page = soup(digest_html(digest, filter="alice", columns=3))
    assert [c["id"] for c in page.select("div.arxiv-paper")] == ["arxiv-2512-17909"]
    assert "sd-row-cols-md-3" in page.select_one(".sd-row")["class"]
    assert page.select_one(".arxiv-digest-summary").get_text() == "arxiv 2025-12-22 · 1 paper of 2"
    assert soup(digest_html(digest, sort="-title", limit=1)).select_one("div.arxiv-paper")["id"] == "arxiv-2512-17907"


@pytest.mark.parametrize(("mode", "details", "body"), [("collapsed", 1, 1), ("full", 0, 1), ("none", 0, 0)])
def test_abstract_modes(mode: str, details: int, body: int) -> None:
    page = soup(digest_html(parse_digest(SAMPLE), abstract=mode))  # type: ignore[arg-type]
    card = page.select_one("div.arxiv-paper")
    assert len(card.select("details")) == details
    assert len(card.select(".arxiv-paper-abstract")) == body


def test_repeated_paper_gets_suffixed_id_and_empty_digest_renders() -> None:
    paper = Paper(arxiv_id="2512.17909", title="T", date=dt.date(2025, 1, 2))
    page = soup(Digest(papers=[paper, paper])._repr_html_())
    assert [c["id"] for c in page.select("div.arxiv-paper")] == ["arxiv-2512-17909", "arxiv-2512-17909-2"]
    empty = soup(Digest()._repr_html_())
    assert empty.select("div.arxiv-paper") == []
    assert empty.select_one(".arxiv-digest-summary").get_text() == "arXiv digest · 0 papers"


def test_markdown_html_blocks() -> None:
    page = soup(markdown_html("- a\n- **b**\n\n```\n<x>\n```\n\n$$\nE=mc^2\n$$\n\n> q ~~s~~"))
    assert [li.get_text() for li in page.select("ul > li")] == ["a", "b"]
    assert page.select_one("li strong").get_text() == "b"
    assert page.select_one("pre code").get_text() == "<x>\n"
    assert page.select_one("div.math").get_text() == "$$E=mc^2$$"
    assert page.select_one("blockquote del").get_text() == "s"
